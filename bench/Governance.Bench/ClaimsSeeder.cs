using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

using Governance.Bench.Harness;

namespace Governance.Bench;

/// <summary>
/// Stores many claims fast, past the relay: each claim's state is made by the aggregate's own methods (filed,
/// approved, paid, recourse open), then its row and exactly the index rows its changes would have written are
/// inserted in bulk (index rows in batches of 100 per partition), and one posting carries their total. Audit
/// entries, events and the outbox rows a live claim leaves are not made: the benchmark measures what a request
/// costs with this many claims stored, and a request reads none of those.
/// </summary>
public static class ClaimsSeeder
{
    public static async Task SeedAsync(IServiceProvider services, string appId, int count, int concurrency = 32)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        var map = services.GetRequiredService<AggregateMap<Claim>>();
        var claimsTable = tables.GetTableClient(map.Table);
        var indexTable = tables.GetTableClient(ClaimIndex.Table);
        var actor = AuditActor.System("bench-seed");
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var claims = new Claim[count];
        for (var i = 0; i < count; i++)
        {
            var (user, order) = ($"seed-user-{i % 1000}", $"seed-order-{appId}-{i}");
            var claimId = ClaimKeys.ClaimIdFor(user, appId, order, "fraud");
            var at = start.AddMilliseconds(i);
            var filing = new ClaimFiling($"seed-{i}", user, appId, order, at.AddDays(-1), new ClaimDamage("fraud", "Seeded."), new MoneyAmount(1_000, "CNY"), []);
            claims[i] = Claim.File(claimId, filing, $"seed-{i}", $"seed-{i}", "seed", actor, at).State
                .Assess(new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "Seeded.", filing.Claimed), actor, at)!.State
                .ConfirmPayout($"seed-pay-{i}", null, actor, at)!.State
                .OpenRecourse(new RecourseTerms(30, null), actor, at)!.State;
        }

        await Load.RunAsync(count, concurrency, i => claimsTable.AddEntityAsync(map.ToRow(claims[i].ClaimId, claims[i])));
        var batches = claims.SelectMany(c => ClaimIndex.Rows(c).Select(r => (r with { Version = c.Version }).ToEntity()))
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(100))
            .ToList();
        await Load.RunAsync(batches.Count, concurrency, i => indexTable.SubmitTransactionAsync(batches[i].Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))));
        var total = claims.Sum(c => c.Outstanding);
        await services.GetRequiredService<ILedger>().PostAsync(LedgerPosting.Create($"bench:seed:{appId}", "CNY", "Seeded claims",
            LedgerLine.DebitOf(LedgerAccounts.RecourseReceivable(appId), total), LedgerLine.CreditOf(LedgerAccounts.AdvanceCompensationRecovery, total)));
    }
}
