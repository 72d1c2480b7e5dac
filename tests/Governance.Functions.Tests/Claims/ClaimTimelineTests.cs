using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Core.Timeline;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>
/// Claims record their facts on the timeline (as follow-ups of the changes that cause them), so a compliance report
/// over a period counts the claims filed, the claims prepaid and the recoveries settled without reading a claim.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimTimelineTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_report_over_a_period_counts_the_claims_filed_and_prepaid_and_the_recoveries_settled_of_an_app()
    {
        var from = fixture.Clock.GetUtcNow().AddMinutes(-1);
        var appId = await _driver.RegisterAppAsync();
        var first = await _driver.PrepaidClaimAsync(appId, 2_000);
        var second = await _driver.PrepaidClaimAsync(appId, 1_000);
        var reference = ClaimsDriver.NewId("wire");
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });
        var reader = fixture.Services.GetRequiredService<TimelineReader>();

        async Task<List<TimelineEntry>> OfAppAsync(string kind)
            => await reader.ReadAsync(kind, from, fixture.Clock.GetUtcNow().AddMinutes(1)).Where(e => e.Summary.GetProperty("appId").GetString() == appId).ToListAsync();

        await Eventually.HoldsAsync(async () => (await OfAppAsync(TimelineKinds.RecoverySettled)).Count == 1, ClaimsDriver.Patience, "the settlement's timeline fact");
        Assert.Equal(new[] { first, second }.Order(), (await OfAppAsync(TimelineKinds.ClaimFiled)).Select(e => e.Id).Order());
        var prepaid = await OfAppAsync(TimelineKinds.ClaimPrepaid);
        Assert.Equal(new[] { first, second }.Order(), prepaid.Select(e => e.Id).Order());
        Assert.Equal(3_000, prepaid.Sum(e => e.Summary.GetProperty("amountApproved").GetProperty("amount").GetInt64()));
        var settled = Assert.Single(await OfAppAsync(TimelineKinds.RecoverySettled));
        Assert.Equal(Settlement.Id(appId, reference), settled.Id);
        Assert.Equal((3_000L, 2), (settled.Summary.GetProperty("allocated").GetProperty("amount").GetInt64(), settled.Summary.GetProperty("allocatedClaims").GetInt32()));
        Assert.Empty(await reader.ReadAsync(TimelineKinds.RecoverySettled, from.AddDays(-3), from.AddDays(-2)).Where(e => e.Id == settled.Id).ToListAsync());
    }
}
