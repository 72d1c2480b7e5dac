using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>
/// Recovering prepaid compensation from the apps that caused the damage: the recourse view, settlements
/// allocated to the oldest open claims, write-offs, and the sweep that opens recourse on paid claims and
/// marks it overdue after the profile's days.
/// <para>A settlement is recorded first, with its allocation plan (<see cref="SettlementStore"/>, insert-if-absent),
/// then allocated claim by claim as planned: each allocation is a recovery row of the claim inserted with the
/// claim row's update, which has an ETag (<see cref="ClaimRecoveries"/>; with the
/// <c>governance.compensation.recovered</c> event when it completes the claim), and the claim's follow-up
/// posts it. A claim that lost outstanding meanwhile takes what it still owes; the rest, known only once every
/// planned claim is done, is posted as unallocated. Then the settlement is audited and marked completed.
/// Repeating the request with the same reference resumes the same plan or replays the result, so a crash at
/// any point is finished without allocating or posting anything twice or differently.</para>
/// </summary>
public sealed class RecourseService(
    ClaimStore store,
    ClaimFollowUp followUp,
    AppRegistry apps,
    ILedger ledger,
    IAuditLog audit,
    SettlementStore settlements,
    IPolicyProfileProvider profiles,
    TimeProvider time)
{
    public static readonly AuditActor SweepActor = AuditActor.System("recourse-sweep");
    public const string SettledAction = "recourse.settled";

    public async Task<RecourseView> GetAsync(string appId, Caller caller, CancellationToken cancellationToken = default)
    {
        var app = await apps.FindAsync(appId, cancellationToken);
        if (app is null || (caller.IsDeveloper && app.DeveloperId != caller.DeveloperId))
        {
            throw GovernanceProblem.NotFound($"No app '{appId}'.");
        }

        var open = (await store.ForAppAsync(appId, cancellationToken))
            .Where(c => c.Outstanding > 0 && (ClaimStateMachine.IsRecourseOutstanding(c.GetStatus()) || c.GetStatus() == ClaimStatus.Approved))
            .OrderBy(c => c.PrepaidAt ?? DateTimeOffset.MaxValue).ThenBy(c => c.ReceivedAt)
            .ToList();
        var balance = await ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable(appId), cancellationToken);
        return new RecourseView(
            appId,
            open.Select(c => new RecourseClaimView(c.ClaimId, c.Status, c.Approved ?? new MoneyAmount(0, c.Currency), new MoneyAmount(c.Outstanding, c.Currency),
                c.PrepaidAt, c.RecourseOpenedAt, c.RecourseDueAt, c.RecourseOverdueAt is not null)).ToList(),
            open.GroupBy(c => c.Currency).Select(g => new LedgerAmount(g.Sum(c => (decimal)c.Outstanding), g.Key)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToList(),
            balance.Select(b => new LedgerAmount(b.Balance, b.Currency)).ToList());
    }

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
        var settlement = await settlements.GetAsync(appId, reference, cancellationToken);
        if (settlement is null)
        {
            var plan = Plan(await store.ForAppAsync(appId, cancellationToken), appId, amount);
            settlement = await settlements.TryCreateAsync(appId, reference, amount, plan, time.GetUtcNow(), cancellationToken)
                ?? await settlements.GetAsync(appId, reference, cancellationToken) // a concurrent request recorded it first: resume it
                ?? throw new InvalidOperationException($"Settlement '{reference}' of app '{appId}' conflicted on insert but cannot be read.");
        }

        if (settlement.Amount != amount)
        {
            throw GovernanceProblem.Unprocessable($"Settlement reference '{reference}' was already used for a different amount.");
        }

        if (settlement.Result is { } done)
        {
            return done;
        }

        var result = await AllocateAsync(settlement, actor, cancellationToken);
        if (result.Unallocated.Amount > 0)
        {
            // Only when planned claims were paid otherwise meanwhile: keep the money, owed back to the app. Every
            // planned claim has its final share by now, so a resumed settlement posts exactly this amount again.
            await ledger.PostAsync(LedgerPosting.Create($"settlement:{appId}:{reference}:unallocated", amount.Currency,
                $"Unallocated part of settlement {reference} from app {appId}",
                LedgerLine.DebitOf(LedgerAccounts.PlatformCash, result.Unallocated.Amount),
                LedgerLine.CreditOf(LedgerAccounts.RecourseUnallocated(appId), result.Unallocated.Amount)), cancellationToken);
        }

        await AuditSettlementOnceAsync(result, actor, cancellationToken);
        await settlements.CompleteAsync(settlement, result, cancellationToken);
        return result;
    }

    public async Task<ClaimView> WriteOffAsync(string claimId, WriteOffRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        new ValidationErrors().Required("reason", request.Reason).MaxLength("reason", request.Reason, ClaimDecisions.MaxReasonLength)
            .NoControlCharacters("reason", request.Reason, allowLineBreaks: true).ThrowIfAny();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken) ?? throw ClaimQueries.NotFound(claimId);
            var status = claim.GetStatus();
            if (status == ClaimStatus.WrittenOff)
            {
                return await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profiles.Current, cancellationToken);
            }

            if (!ClaimStateMachine.IsRecourseOutstanding(status))
            {
                throw GovernanceProblem.Conflict($"Claim '{claimId}' is {claim.Status}; only paid claims with open recourse can be written off.");
            }

            var now = time.GetUtcNow();
            OpenRecourse(claim, actor, now);
            ClaimTransitions.Move(claim, ClaimStatus.WrittenOff, actor, PolicyRuleIds.ClaimsRecourse, now, new Dictionary<string, string>
            {
                ["reason"] = request.Reason!.Trim(),
                ["writtenOff"] = $"{claim.Outstanding} {claim.Currency}",
            });
            claim.WrittenOffAt = now;
            claim.WrittenOffAmount = claim.Outstanding;
            claim.Outstanding = 0;
            claim.WriteOffReason = request.Reason!.Trim();
            try
            {
                await store.UpdateAsync(claim, cancellationToken);
            }
            catch (ClaimChangedException)
            {
                continue;
            }

            return await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profiles.Current, cancellationToken);
        }

        throw GovernanceProblem.Conflict($"Claim '{claimId}' kept changing; retry the write-off.");
    }

    /// <summary>Opens recourse on paid claims and marks it overdue once due; returns how many claims changed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var changed = 0;
        foreach (var claim in await store.InStatusAsync(ClaimStatus.Prepaid, cancellationToken))
        {
            OpenRecourse(claim, SweepActor, time.GetUtcNow());
            changed += await TryUpdateAsync(claim, cancellationToken);
        }

        foreach (var claim in await store.InStatusAsync(ClaimStatus.RecourseOpen, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (claim.RecourseOverdueAt is not null || claim.RecourseDueAt is not { } due || due > now || claim.Outstanding <= 0)
            {
                continue;
            }

            claim.RecourseOverdueAt = now;
            claim.UpdatedAt = now;
            ClaimTransitions.Record(claim, SweepActor, "claim.recourse_overdue", claim.Status, PolicyRuleIds.ClaimsRecourseOverdue, new Dictionary<string, string>
            {
                ["dueAt"] = due.ToString("O"),
                ["outstanding"] = $"{claim.Outstanding} {claim.Currency}",
            });
            changed += await TryUpdateAsync(claim, cancellationToken);
        }

        return changed;
    }

    private async Task<int> TryUpdateAsync(ClaimEntity claim, CancellationToken cancellationToken)
    {
        try
        {
            await store.UpdateAsync(claim, cancellationToken);
        }
        catch (ClaimChangedException)
        {
            return 0; // changed by someone else; the next sweep looks again
        }

        await followUp.RunAsync(claim, cancellationToken);
        return 1;
    }

    private void OpenRecourse(ClaimEntity claim, AuditActor actor, DateTimeOffset now)
    {
        if (claim.GetStatus() != ClaimStatus.Prepaid)
        {
            return;
        }

        var days = profiles.Current.Thresholds.Claims.RecourseOverdueDays;
        claim.RecourseOpenedAt = now;
        claim.RecourseDueAt = now.AddDays(days);
        ClaimTransitions.Move(claim, ClaimStatus.RecourseOpen, actor, PolicyRuleIds.ClaimsRecourse, now, new Dictionary<string, string>
        {
            ["dueAt"] = claim.RecourseDueAt.Value.ToString("O"),
            ["amount"] = $"{claim.Outstanding} {claim.Currency}",
        });
    }

    /// <summary>
    /// Shares of <paramref name="amount"/> for the oldest open claims in its currency, as a settlement plans them.
    /// 422 when the app owes less, or when the settlement would cover more claims than one settlement can record.
    /// A plan is only made for a reference never recorded, and a settlement is recorded before any of its money
    /// is allocated and never deleted, so no claim holds a recovery from it yet (and the allocation's row insert
    /// would refuse a second one).
    /// </summary>
    private static List<SettlementPlanItem> Plan(IEnumerable<ClaimEntity> claims, string appId, MoneyAmount amount)
    {
        var open = claims
            .Where(c => ClaimStateMachine.IsRecourseOutstanding(c.GetStatus()) && c.Currency == amount.Currency && c.Outstanding > 0)
            .OrderBy(c => c.PrepaidAt).ThenBy(c => c.ReceivedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal)
            .ToList();
        var outstanding = open.Sum(c => (decimal)c.Outstanding);
        if (amount.Amount > outstanding)
        {
            throw GovernanceProblem.Unprocessable(
                $"The settlement ({amount.Amount} {amount.Currency}) exceeds what app '{appId}' owes on paid claims ({outstanding} {amount.Currency}).");
        }

        var plan = new List<SettlementPlanItem>();
        var remaining = amount.Amount;
        foreach (var claim in open)
        {
            if (remaining == 0)
            {
                break;
            }

            var take = Math.Min(remaining, claim.Outstanding);
            plan.Add(new SettlementPlanItem(claim.ClaimId, take));
            remaining -= take;
        }

        return plan.Count <= SettlementStore.MaxClaims
            ? plan
            : throw GovernanceProblem.Unprocessable(
                $"The settlement would cover {plan.Count} claims; one settlement covers at most {SettlementStore.MaxClaims}. Split it into smaller settlements.");
    }

    /// <summary>Applies the plan claim by claim; a claim that has its share already is only followed up.</summary>
    private async Task<SettlementResult> AllocateAsync(SettlementRecord settlement, AuditActor actor, CancellationToken cancellationToken)
    {
        var reference = settlement.Reference;
        var allocations = new List<SettlementAllocation>();
        foreach (var item in settlement.Plan)
        {
            if (await AllocateToAsync(item, reference, actor, cancellationToken) is var (claim, share))
            {
                allocations.Add(new SettlementAllocation(claim.ClaimId, new MoneyAmount(share, claim.Currency), claim.Status));
            }
        }

        allocations.Sort((a, b) => string.CompareOrdinal(a.ClaimId, b.ClaimId));
        var unallocated = settlement.Amount.Amount - allocations.Sum(a => a.Amount.Amount);
        return new SettlementResult(settlement.AppId, reference, settlement.Amount, allocations, new MoneyAmount(unallocated, settlement.Amount.Currency));
    }

    /// <summary>The claim with its share of the settlement recorded, or null when it no longer owes anything.</summary>
    private async Task<(ClaimEntity Claim, long Share)?> AllocateToAsync(SettlementPlanItem item, string reference, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(item.ClaimId, cancellationToken);
            if (claim is null)
            {
                return null;
            }

            if (await store.RecoveryAsync(claim, reference, cancellationToken) is { } recorded)
            {
                // Allocated before a crash or by a concurrent request: finish its follow-up (postings, audit).
                return (await followUp.RunAsync(claim, cancellationToken), recorded.Amount);
            }

            // Outstanding only ever decreases, so a claim found owing nothing here owes nothing on any resume.
            var take = ClaimStateMachine.IsRecourseOutstanding(claim.GetStatus()) ? Math.Min(item.Amount, claim.Outstanding) : 0;
            if (take <= 0)
            {
                return null;
            }

            var now = time.GetUtcNow();
            OpenRecourse(claim, actor, now);
            ClaimRecoveries.Add(claim, new ClaimRecovery(reference, take, now));
            claim.UpdatedAt = now;
            var details = new Dictionary<string, string> { ["settlementReference"] = reference, ["allocated"] = $"{take} {claim.Currency}", ["outstanding"] = $"{claim.Outstanding} {claim.Currency}" };
            if (claim.Outstanding == 0)
            {
                claim.RecoveredAt = now;
                ClaimTransitions.Move(claim, ClaimStatus.Recovered, actor, PolicyRuleIds.ClaimsRecourse, now, details);
            }
            else
            {
                ClaimTransitions.Record(claim, actor, "claim.recovery_allocated", claim.Status, PolicyRuleIds.ClaimsRecourse, details);
            }

            try
            {
                await store.UpdateAsync(claim, cancellationToken);
            }
            catch (ClaimChangedException)
            {
                continue;
            }

            return (await followUp.RunAsync(claim, cancellationToken), take);
        }

        throw GovernanceProblem.Conflict($"Claim '{item.ClaimId}' kept changing while settlement '{reference}' was allocated; retry the settlement.");
    }

    /// <summary>
    /// One audit entry per settlement (record id: its resource and action), appended before it is marked completed,
    /// so a resume appends it only if the first run did not. Its details stay small whatever the number of claims:
    /// the count, the totals and a hash of the allocations (each claim's own entry names the settlement and its share).
    /// </summary>
    private async Task AuditSettlementOnceAsync(SettlementResult result, AuditActor actor, CancellationToken cancellationToken)
    {
        var resource = SettlementResource(result.AppId, result.Reference);
        await audit.AppendAsync(
            new AuditRecord(actor, SettledAction, resource, "completed", PolicyRuleIds.ClaimsRecourse, SettlementAuditDetails(result)) { RecordId = resource + ":" + SettledAction },
            cancellationToken);
    }

    public static string SettlementResource(string appId, string reference) => $"{AppRegistry.Resource(appId)}/settlements/{reference}";

    public static Dictionary<string, string> SettlementAuditDetails(SettlementResult result)
    {
        var lines = new StringBuilder();
        foreach (var allocation in result.Allocations.OrderBy(a => a.ClaimId, StringComparer.Ordinal))
        {
            lines.Append(allocation.ClaimId).Append('=').Append(allocation.Amount.Amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return new Dictionary<string, string>
        {
            ["amount"] = $"{result.Amount.Amount} {result.Amount.Currency}",
            ["allocatedClaims"] = result.Allocations.Count.ToString(CultureInfo.InvariantCulture),
            ["allocated"] = $"{result.Allocations.Sum(a => a.Amount.Amount)} {result.Amount.Currency}",
            ["unallocated"] = $"{result.Unallocated.Amount} {result.Unallocated.Currency}",
            ["allocationsSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString()))),
        };
    }
}
