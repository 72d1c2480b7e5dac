using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Json;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>
/// Recovering prepaid compensation from the apps that caused the damage: the recourse view, settlements
/// allocated to the oldest open claims, write-offs, and the sweep that opens recourse on paid claims and
/// marks it overdue after the profile's days.
/// <para>A settlement is recorded first (row <c>settlement|{appId}</c> / reference in the <c>Claims</c> table,
/// insert-if-absent), then allocated claim by claim: each allocation is written into the claim row with an
/// ETag (with the <c>governance.compensation.recovered</c> event when it completes the claim), and the claim's
/// follow-up posts it. Repeating the request with the same reference resumes or replays
/// it; the allocation already made is read back from the claims, so nothing is allocated twice.</para>
/// </summary>
public sealed class RecourseService(
    ClaimStore store,
    ClaimFollowUp followUp,
    AppRegistry apps,
    ILedger ledger,
    IAuditLog audit,
    IPolicyProfileProvider profiles,
    TimeProvider time)
{
    public static readonly AuditActor SweepActor = AuditActor.System("recourse-sweep");
    private const string Pending = "pending";
    private const string Completed = "completed";

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
            open.GroupBy(c => c.Currency).Select(g => new MoneyAmount(g.Sum(c => c.Outstanding), g.Key)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToList(),
            balance.Select(b => new MoneyAmount(b.Balance, b.Currency)).ToList());
    }

    public async Task<SettlementResult> SettleAsync(string appId, SettlementRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors()
            .Required("reference", request.Reference)
            .MaxLength("reference", request.Reference, ClaimWebhookValidator.MaxIdLength);
        if (request.Reference is not null && request.Reference.Any(char.IsControl))
        {
            errors.Add("reference", "must not contain control characters.");
        }

        if (request.Amount is not > 0)
        {
            errors.Add("amount", "must be a positive integer number of minor units.");
        }

        if (!ClaimWebhookValidator.IsCurrency(request.Currency))
        {
            errors.Add("currency", "must be an ISO 4217 code such as CNY.");
        }

        errors.ThrowIfAny();
        _ = await apps.FindAsync(appId, cancellationToken) ?? throw GovernanceProblem.NotFound($"No app '{appId}'.");

        var amount = new MoneyAmount(request.Amount!.Value, request.Currency!);
        var reference = request.Reference!.Trim();
        var settlements = store.Table;
        var partition = "settlement|" + appId;
        var rowKey = TableKey.Escape(reference);
        var existing = await settlements.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } row)
        {
            if (row.GetInt64("Amount") != amount.Amount || row.GetString("Currency") != amount.Currency)
            {
                throw GovernanceProblem.Unprocessable($"Settlement reference '{reference}' was already used for a different amount.");
            }

            if (row.GetString("State") == Completed)
            {
                return JsonSerializer.Deserialize<SettlementResult>(row.GetString("ResultJson")!, GovernanceJson.Options)!;
            }
        }
        else
        {
            var outstanding = (await store.ForAppAsync(appId, cancellationToken))
                .Where(c => ClaimStateMachine.IsRecourseOutstanding(c.GetStatus()) && c.Currency == amount.Currency)
                .Sum(c => c.Outstanding);
            if (amount.Amount > outstanding)
            {
                throw GovernanceProblem.Unprocessable(
                    $"The settlement ({amount.Amount} {amount.Currency}) exceeds what app '{appId}' owes on paid claims ({outstanding} {amount.Currency}).");
            }

            try
            {
                await settlements.AddEntityAsync(new TableEntity(partition, rowKey)
                {
                    ["Reference"] = reference,
                    ["Amount"] = amount.Amount,
                    ["Currency"] = amount.Currency,
                    ["State"] = Pending,
                    ["CreatedAt"] = time.GetUtcNow(),
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A concurrent request with the same reference recorded it first: resume it, as a retry would.
            }
        }

        var result = await AllocateAsync(appId, amount, reference, actor, cancellationToken);
        if (result.Unallocated.Amount > 0)
        {
            // Only when concurrent settlements took the claims first: keep the money, owed back to the app.
            await ledger.PostAsync(LedgerPosting.Create($"settlement:{appId}:{reference}:unallocated", amount.Currency,
                $"Unallocated part of settlement {reference} from app {appId}",
                LedgerLine.DebitOf(LedgerAccounts.PlatformCash, result.Unallocated.Amount),
                LedgerLine.CreditOf(LedgerAccounts.RecourseUnallocated(appId), result.Unallocated.Amount)), cancellationToken);
        }

        await settlements.UpsertEntityAsync(new TableEntity(partition, rowKey)
        {
            ["State"] = Completed,
            ["ResultJson"] = JsonSerializer.Serialize(result, GovernanceJson.Options),
        }, TableUpdateMode.Merge, cancellationToken);
        await audit.AppendAsync(new AuditRecord(actor, "recourse.settled", $"{AppRegistry.Resource(appId)}/settlements/{reference}", Completed,
            PolicyRuleIds.ClaimsRecourse, new Dictionary<string, string>
            {
                ["amount"] = $"{amount.Amount} {amount.Currency}",
                ["allocated"] = string.Join(",", result.Allocations.Select(a => $"{a.ClaimId}={a.Amount.Amount}")),
                ["unallocated"] = result.Unallocated.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }), cancellationToken);
        return result;
    }

    public async Task<ClaimView> WriteOffAsync(string claimId, WriteOffRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        new ValidationErrors().Required("reason", request.Reason).MaxLength("reason", request.Reason, ClaimDecisions.MaxReasonLength).ThrowIfAny();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken) ?? throw ClaimQueries.NotFound(claimId);
            var status = claim.GetStatus();
            if (status == ClaimStatus.WrittenOff)
            {
                return ClaimView.From(await followUp.RunAsync(claim, cancellationToken), profiles.Current);
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

            return ClaimView.From(await followUp.RunAsync(claim, cancellationToken, fresh: true), profiles.Current);
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

        await followUp.RunAsync(claim, cancellationToken, fresh: true);
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

    private async Task<SettlementResult> AllocateAsync(string appId, MoneyAmount amount, string reference, AuditActor actor, CancellationToken cancellationToken)
    {
        const int maxRounds = 1000;
        List<ClaimEntity> claims = [];
        for (var round = 0; round < maxRounds; round++)
        {
            claims = await store.ForAppAsync(appId, cancellationToken);
            var remaining = amount.Amount - Allocated(claims, reference).Sum(a => a.Amount);
            var next = claims
                .Where(c => ClaimStateMachine.IsRecourseOutstanding(c.GetStatus()) && c.Currency == amount.Currency && c.Outstanding > 0
                    && !c.GetRecoveries().Any(r => r.Reference == reference))
                .OrderBy(c => c.PrepaidAt).ThenBy(c => c.ReceivedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (remaining <= 0 || next is null)
            {
                break;
            }

            var now = time.GetUtcNow();
            var take = Math.Min(remaining, next.Outstanding);
            OpenRecourse(next, actor, now);
            next.SetRecoveries(next.GetRecoveries().Append(new ClaimRecovery(reference, take, now)));
            next.Outstanding -= take;
            next.RecoveredAmount += take;
            next.UpdatedAt = now;
            var details = new Dictionary<string, string> { ["settlementReference"] = reference, ["allocated"] = $"{take} {next.Currency}", ["outstanding"] = $"{next.Outstanding} {next.Currency}" };
            if (next.Outstanding == 0)
            {
                next.RecoveredAt = now;
                ClaimTransitions.Move(next, ClaimStatus.Recovered, actor, PolicyRuleIds.ClaimsRecourse, now, details);
            }
            else
            {
                ClaimTransitions.Record(next, actor, "claim.recovery_allocated", next.Status, PolicyRuleIds.ClaimsRecourse, details);
            }

            try
            {
                await store.UpdateAsync(next, cancellationToken);
            }
            catch (ClaimChangedException)
            {
                continue;
            }

            await followUp.RunAsync(next, cancellationToken, fresh: true);
        }

        // Claims that got their allocation before a crash still need their follow-up (postings, audit).
        foreach (var claim in claims.Where(c => c.PendingWork && c.GetRecoveries().Any(r => r.Reference == reference)))
        {
            await followUp.RunAsync(claim, cancellationToken);
        }

        var allocations = Allocated(claims, reference).ToList();
        var unallocated = amount.Amount - allocations.Sum(a => a.Amount);
        return new SettlementResult(appId, reference, amount,
            allocations.Select(a => new SettlementAllocation(a.ClaimId, new MoneyAmount(a.Amount, amount.Currency), a.Status)).ToList(),
            new MoneyAmount(unallocated, amount.Currency));
    }

    private static IEnumerable<(string ClaimId, long Amount, string Status)> Allocated(IEnumerable<ClaimEntity> claims, string reference)
        => claims.SelectMany(c => c.GetRecoveries().Where(r => r.Reference == reference).Select(r => (c.ClaimId, r.Amount, c.Status)))
            .OrderBy(a => a.ClaimId, StringComparer.Ordinal);
}
