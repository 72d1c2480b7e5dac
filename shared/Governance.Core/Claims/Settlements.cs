using System.Collections.Concurrent;
using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>
/// Settlements from an app, allocated to its oldest open claims. The settlement is recorded first with its plan (made
/// from the app's open-claims index), then each planned claim takes its share through <see cref="Claim.Recover"/>
/// (a recovery row, its posting and, when it completes the claim, <c>governance.compensation.recovered</c>); a claim
/// that lost outstanding meanwhile takes what it still owes. Once every planned claim is done the settlement completes
/// with what could not be allocated. Repeating the request with the same reference resumes the same plan or replays
/// the result, so a crash at any point is finished without allocating or posting anything twice or differently.
/// </summary>
public sealed class Settlements(
    AggregateStore<Settlement> store,
    AggregateStore<Claim> claims,
    ClaimQueries queries,
    ClaimIndexReader index,
    RecourseService recourse,
    IAppDirectory apps,
    TimeProvider time)
{
    public async Task<SettlementResult> SettleAsync(string appId, SettlementRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors()
            .Required("reference", request.Reference)
            .MaxLength("reference", request.Reference, ClaimWebhookValidator.MaxIdLength)
            .NoControlCharacters("reference", request.Reference);
        ClaimWebhookValidator.Amount(errors, "amount", request.Amount);
        ClaimWebhookValidator.Currency(errors, "currency", request.Currency);
        errors.ThrowIfAny();
        _ = await apps.FindAsync(appId, cancellationToken) ?? throw GovernanceProblem.NotFound($"No app '{appId}'.");

        var amount = new MoneyAmount(request.Amount!.Value, request.Currency!);
        var reference = request.Reference!.Trim();
        var id = Settlement.Id(appId, reference);
        var settlement = (await store.FindAsync(id, cancellationToken))?.State
            ?? (await store.CreateAsync(id, Settlement.Record(appId, reference, amount, await PlanAsync(appId, amount, cancellationToken), time.GetUtcNow()), cancellationToken)).State;
        if (settlement.Amount != amount)
        {
            throw GovernanceProblem.Unprocessable($"Settlement reference '{reference}' was already used for a different amount.");
        }

        if (settlement.Result is { } done)
        {
            return done;
        }

        var terms = await recourse.TermsAsync(appId, cancellationToken);
        var allocations = new ConcurrentBag<SettlementAllocation>();
        await Parallel.ForEachAsync(settlement.Plan, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            if (await AllocateAsync(item, reference, terms, actor, ct) is { } allocation)
            {
                allocations.Add(allocation);
            }
        });

        var completed = await store.UpdateAsync(id, s => s.Complete(allocations, actor, time.GetUtcNow()), () => GovernanceProblem.NotFound($"No settlement '{reference}'."), cancellationToken);
        return completed.State.Result!;
    }

    /// <summary>
    /// Shares of <paramref name="amount"/> for the app's oldest paid open claims in its currency, read from the index
    /// until covered. 422 when the app owes less, or when it would take more claims than one settlement records.
    /// </summary>
    private async Task<List<SettlementPlanItem>> PlanAsync(string appId, MoneyAmount amount, CancellationToken cancellationToken)
    {
        var plan = new List<SettlementPlanItem>();
        var remaining = amount.Amount;
        decimal owed = 0;
        await foreach (var claim in index.PaidOpenAsync(appId, amount.Currency, cancellationToken))
        {
            if (plan.Count == Settlement.MaxClaims)
            {
                throw GovernanceProblem.Unprocessable(
                    $"The settlement would cover more than {Settlement.MaxClaims} claims; one settlement covers at most {Settlement.MaxClaims}. Split it into smaller settlements.");
            }

            var take = Math.Min(remaining, claim.Outstanding);
            plan.Add(new SettlementPlanItem(claim.ClaimId, take));
            owed += claim.Outstanding;
            remaining -= take;
            if (remaining == 0)
            {
                return plan;
            }
        }

        throw GovernanceProblem.Unprocessable($"The settlement ({amount.Amount} {amount.Currency}) exceeds what app '{appId}' owes on paid claims ({owed} {amount.Currency}).");
    }

    /// <summary>The claim's share of the settlement (found when it has it already), or null when it no longer owes anything.</summary>
    private async Task<SettlementAllocation?> AllocateAsync(SettlementPlanItem item, string reference, RecourseTerms terms, AuditActor actor, CancellationToken cancellationToken)
    {
        long share = 0;
        var stored = await claims.UpdateAsync(item.ClaimId, async (claim, ct) =>
        {
            if (claim.RecoveryCount > 0 && await queries.FindRecoveryAsync(claim.ClaimId, reference, ct) is { } recorded)
            {
                share = recorded.Amount; // allocated before a crash or by a concurrent request
                return null;
            }

            var change = claim.Recover(reference, item.Amount, terms, actor, time.GetUtcNow());
            share = change is null ? 0 : change.State.RecoveredAmount - claim.RecoveredAmount;
            return change;
        }, () => ClaimQueries.NotFound(item.ClaimId), cancellationToken);
        return share > 0 ? new SettlementAllocation(item.ClaimId, new MoneyAmount(share, stored.State.Currency), ClaimStateMachine.ToWire(stored.State.Status)) : null;
    }
}
