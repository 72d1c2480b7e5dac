using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimIdempotencyKeyTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_reviewer_decision_retried_with_its_idempotency_key_is_replayed_and_posts_once()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 700_000));
        await _driver.WaitForStatusAsync(claimId, token, "under_review");
        await _driver.WaitSettledAsync(claimId);
        var decision = new { decision = "approve", amount = new { amount = 250_000, currency = "CNY" }, reason = "Partly covered." };
        var key = Guid.NewGuid().ToString();

        HttpRequestMessage Decide()
        {
            var request = _driver.Staff(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer, decision);
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var first = await fixture.Client.SendAsync(Decide());
        using var retry = await fixture.Client.SendAsync(Decide());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await _driver.WaitSettledAsync(claimId);
        var postings = (await _driver.ClaimLedgerLinesAsync(claimId)).Select(l => l.PartitionKey).Distinct().ToList();
        Assert.Single(postings);
        using var status = JsonDocument.Parse((await _driver.StatusAsync(claimId, token)).GetRawText());
        Assert.Equal("approved", status.RootElement.GetProperty("status").GetString());
    }
}
