using System.Net;
using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>The claims index on Azurite: rows follow each change, reads are one partition, and the recourse view pages.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimIndexAzuriteTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    private ClaimIndexReader Index => fixture.Services.GetRequiredService<ClaimIndexReader>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_claim_moves_through_the_status_partitions_and_is_listed_open_under_its_app_with_its_due_date()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.PrepaidClaimAsync(appId, 2_000);
        Assert.Contains(claimId, await ToListAsync(Index.InStatusAsync(ClaimStatus.Prepaid)));
        Assert.DoesNotContain(claimId, await ToListAsync(Index.InStatusAsync(ClaimStatus.Approved)));
        Assert.DoesNotContain(claimId, await ToListAsync(Index.InStatusAsync(ClaimStatus.Received)));

        await _driver.RunFunctionAsync("RecourseOverdue");
        await Eventually.HoldsAsync(async () => (await ToListAsync(Index.InStatusAsync(ClaimStatus.RecourseOpen))).Contains(claimId), ClaimsDriver.Patience, "recourse to open");
        await _driver.WaitSettledAsync(claimId);

        var (open, _) = await Index.OpenPageAsync(appId, null, 10);
        var row = Assert.Single(open);
        Assert.Equal((claimId, "recourse_open", "CNY", 2_000L, 2_000L, false), (row.ClaimId, row.Status, row.Currency, row.Approved, row.Outstanding, row.Overdue));
        Assert.NotNull(row.PrepaidAt);
        Assert.Contains(claimId, await ToListAsync(Index.DueAsync(row.RecourseDueAt!.Value)));
        Assert.DoesNotContain(claimId, await ToListAsync(Index.DueAsync(row.RecourseDueAt!.Value.AddSeconds(-1))));
        Assert.DoesNotContain(claimId, await ToListAsync(Index.InStatusAsync(ClaimStatus.Prepaid)));

        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 2_000, currency = "CNY", reference = ClaimsDriver.NewId("wire") });
        await _driver.WaitSettledAsync(claimId);
        Assert.Empty((await Index.OpenPageAsync(appId, null, 10)).Claims);
        Assert.DoesNotContain(claimId, await ToListAsync(Index.DueAsync(row.RecourseDueAt!.Value.AddDays(1))));
        Assert.Contains(claimId, await ToListAsync(Index.InStatusAsync(ClaimStatus.Recovered)));
    }

    [Fact]
    public async Task The_rules_count_a_users_other_claims_in_the_window_from_the_users_rows_and_only_up_to_the_limit()
    {
        var appId = await _driver.RegisterAppAsync();
        var user = ClaimsDriver.NewId("user");
        var claims = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (claimId, _) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 500, userId: user));
            claims.Add(claimId);
            await _driver.WaitSettledAsync(claimId);
        }

        var since = fixture.Clock.GetUtcNow().AddDays(-30);
        Assert.Equal(3, await Index.CountForUserSinceAsync(user, since, claims[0], limit: 3));
        Assert.Equal(4, await Index.CountForUserSinceAsync(user, since, claims[0], limit: 10));
        Assert.Equal(5, await Index.CountForUserSinceAsync(user, since, "clm_none", limit: 10));
        Assert.Equal(0, await Index.CountForUserSinceAsync(user, fixture.Clock.GetUtcNow().AddMinutes(5), "clm_none", limit: 10));
        Assert.Equal(0, await Index.CountForUserSinceAsync(ClaimsDriver.NewId("user"), since, "clm_none", limit: 10));
        var statuses = await Task.WhenAll(claims.Select(c => _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{c}", StaffRoles.Auditor)));
        Assert.Equal(["approved", "approved", "approved", "under_review", "under_review"], statuses.Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_recourse_view_pages_its_open_claims_oldest_payout_first_with_the_whole_balance_on_every_page()
    {
        var appId = await _driver.RegisterAppAsync();
        var paid = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            paid.Add(await _driver.PrepaidClaimAsync(appId, 1_000 + i));
        }

        var unpaid = await _driver.ApprovedClaimAsync(appId, 700);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var path = $"api/recourse/{appId}?pageSize=2" + (token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await _driver.StaffJsonAsync(HttpMethod.Get, path, StaffRoles.Operator);
            Assert.True(page.GetProperty("openClaims").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("openClaims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()!));
            Assert.Equal(5_010 + 700, page.GetProperty("ledgerBalance")[0].GetProperty("amount").GetInt64());
            Assert.Equal(5_010 + 700, page.GetProperty("outstanding")[0].GetProperty("amount").GetInt64());
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal([.. paid, unpaid], seen);
        Assert.True(pages >= 3);
        await _driver.StaffJsonAsync(HttpMethod.Get, $"api/recourse/{appId}?continuationToken=not-a-token!!", StaffRoles.Operator, expected: HttpStatusCode.BadRequest);
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> ids)
    {
        var list = new List<string>();
        await foreach (var id in ids)
        {
            list.Add(id);
        }

        return list;
    }
}
