using Governance.Core.Claims;
using Governance.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// The local host runs as its own OS process and is killed with SIGKILL while 200 claims and a batch of onboarding
/// requests are in flight (intake requests half answered, queue messages half processed, follow-ups owed), then
/// started again on the same storage. Senders retry what was not answered, as webhook senders do.
/// </summary>
[Trait("Category", "Faults")]
public sealed class HostKillFaultTests(ITestOutputHelper output)
{
    private const int ClaimCount = 200;
    private const int OnboardingCount = 6;

    [Fact]
    public async Task A_host_killed_with_sigkill_mid_batch_and_restarted_pays_every_accepted_claim_once_and_finishes_every_onboarding_request()
    {
        await using var stack = await FaultStack.CreateAsync(overrides: new Dictionary<string, string>
        {
            // A claim stored just before the kill but never queued is queued again by the sweep after its grace.
            ["Claims__SweepGraceSeconds"] = "10",
            ["ClaimsSweepSchedule"] = "*/5 * * * * *",

            // A delivery cut off by the kill holds its webhook-id for the pending lease (then a retry runs it again);
            // 120 s in the sample settings, shortened so the senders' retries get through within the test.
            ["Idempotency__PendingLeaseSeconds"] = "15",
        });
        await stack.StartChildAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var traffic = new FaultTraffic(stack);
        var appId = await traffic.RegisterAppAsync();
        var apiKey = await traffic.SignUpDeveloperAsync();
        var patience = TimeSpan.FromMinutes(2);

        var claims = FaultTraffic.Claims(appId, ClaimCount);
        var accepted = 0;
        var claimIds = new string[ClaimCount];
        using var gate = new SemaphoreSlim(8);
        var claimSenders = claims.Select(async (claim, i) =>
        {
            await gate.WaitAsync();
            try
            {
                claimIds[i] = await traffic.FileUntilAcceptedAsync(claim, patience);
                Interlocked.Increment(ref accepted);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var onboardingSenders = Enumerable.Range(0, OnboardingCount)
            .Select(i => traffic.SubmitOnboardingUntilAcceptedAsync(apiKey, $"Fault Delivery {i}", patience))
            .ToList();

        // Kill in the middle: some claims answered, some in flight, the onboarding checks running.
        await Eventually.HoldsAsync(() => Volatile.Read(ref accepted) >= ClaimCount / 3, patience, "a third of the claims to be accepted");
        var killedPid = stack.ChildHost!.ProcessId;
        stack.ChildHost.KillHard();
        var acceptedBeforeKill = Volatile.Read(ref accepted);
        output.WriteLine($"{clock.Elapsed}: killed host {killedPid} after {acceptedBeforeKill} of {ClaimCount} claims were accepted.");

        await Task.Delay(TimeSpan.FromSeconds(1));
        await stack.StartChildAsync();
        output.WriteLine($"Restarted as {stack.ChildHost!.ProcessId} on {stack.ChildHost.BaseAddress}.");

        await Task.WhenAll(claimSenders);
        var requestIds = await Task.WhenAll(onboardingSenders);
        output.WriteLine($"{clock.Elapsed}: every claim and request accepted.");
        Assert.Equal(ClaimCount, claimIds.Distinct().Count());
        Assert.True(acceptedBeforeKill < ClaimCount, "the kill came after every claim was accepted; it proves nothing");

        var checks = stack.Checks;
        var settled = await checks.WaitForClaimsSettledAsync(claimIds, patience);
        output.WriteLine($"{clock.Elapsed}: every claim settled.");
        Assert.All(settled.Values, c => Assert.Equal(ClaimStatus.Approved, c.Status));
        await checks.AssertAllAsync(claimIds, onboardingRequestIds: null, scanIds: null, fullAuditVerification: true);
        output.WriteLine($"{clock.Elapsed}: invariants hold.");

        var appIds = new List<string>();
        foreach (var requestId in requestIds)
        {
            var view = await traffic.OnboardingRequestAsync(apiKey, requestId);
            Assert.True(view.GetProperty("status").GetString() == "approved", $"request {requestId}: {view}");
            appIds.Add(view.GetProperty("appId").GetString()!);
        }

        Assert.Equal(OnboardingCount, appIds.Distinct().Count());
        var poison = await checks.WaitForQueuesDrainedAsync(patience);
        Assert.True(poison.Values.All(n => n == 0), "good messages were poisoned: " + string.Join(", ", poison.Where(p => p.Value > 0)));
    }
}
