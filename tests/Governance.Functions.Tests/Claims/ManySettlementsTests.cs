using System.Diagnostics;
using System.Net;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Claims;

/// <summary>Issue 12, money: a claim takes any number of partial settlements (recoveries are not one growing property).</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ManySettlementsTests(GovernanceHostFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Settlements = 500;
    private const long Share = 40;

    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task Five_hundred_partial_settlements_of_one_claim_all_succeed_and_recover_it_in_full()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.PrepaidClaimAsync(appId, Settlements * Share);
        var run = Guid.NewGuid().ToString("N");
        var references = Enumerable.Range(0, Settlements).Select(i => $"settlement-{run}-{i:D4}").ToList();

        // Timed for the report only (speed targets live in bench/): the last hundred should cost what the first did.
        var watch = Stopwatch.StartNew();
        var hundreds = new List<double>();
        for (var i = 0; i < Settlements; i++)
        {
            var settled = await SettleAsync(appId, references[i]);
            var allocation = Assert.Single(settled.GetProperty("allocations").EnumerateArray());
            Assert.Equal(claimId, allocation.GetProperty("claimId").GetString());
            Assert.Equal(Share, allocation.GetProperty("amount").GetProperty("amount").GetInt64());
            if (i % 100 == 99)
            {
                hundreds.Add(watch.Elapsed.TotalSeconds - hundreds.Sum());
            }
        }

        watch.Stop();
        output.WriteLine($"{Settlements} sequential settlements of one claim: {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMilliseconds / Settlements:F1} ms each); "
            + $"per hundred: {string.Join(", ", hundreds.Select(s => s.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} s.");

        var replayed = await SettleAsync(appId, references[0]);
        Assert.Equal(Share, Assert.Single(replayed.GetProperty("allocations").EnumerateArray()).GetProperty("amount").GetProperty("amount").GetInt64());
        await _driver.WaitSettledAsync(claimId);

        var claim = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{claimId}", StaffRoles.Auditor);
        Assert.Equal("recovered", claim.GetProperty("status").GetString());
        Assert.Equal(Settlements * Share, claim.GetProperty("recovered").GetProperty("amount").GetInt64());
        Assert.Equal(0, claim.GetProperty("outstanding").GetProperty("amount").GetInt64());
        var recoveries = claim.GetProperty("recoveries").EnumerateArray().ToList();
        Assert.Equal(references, recoveries.Select(r => r.GetProperty("reference").GetString()));
        Assert.All(recoveries, r => Assert.Equal(Share, r.GetProperty("amount").GetInt64()));

        var recovered = Assert.Single(await _driver.ClaimEventsAsync(claimId, ClaimEvents.RecoveredEventId(claimId)));
        using (var data = System.Text.Json.JsonDocument.Parse(recovered.Data!.ToString()))
        {
            Assert.Equal(references[^1], data.RootElement.GetProperty("settlementReference").GetString());
            Assert.Equal(Settlements * Share, data.RootElement.GetProperty("amount").GetProperty("amount").GetInt64());
        }

        var lines = await _driver.ClaimLedgerLinesAsync(claimId);
        Assert.Equal(4 + 2 + (2 * Settlements), lines.Count);
        var recourse = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/recourse/{appId}", StaffRoles.Operator);
        Assert.Empty(recourse.GetProperty("openClaims").EnumerateArray());
        Assert.Equal(0, Assert.Single(recourse.GetProperty("ledgerBalance").EnumerateArray()).GetProperty("amount").GetInt64());
    }

    private async Task<System.Text.Json.JsonElement> SettleAsync(string appId, string reference)
        => await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator,
            new { amount = Share, currency = "CNY", reference }, HttpStatusCode.OK);
}
