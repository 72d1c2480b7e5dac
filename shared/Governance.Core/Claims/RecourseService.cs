using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Recovering prepaid compensation from the apps that caused the damage: the recourse view (a page of the app's
/// open-claims index and the receivable's running totals), write-offs, and the timer that opens recourse on paid
/// claims and marks it overdue after the profile's days (both found from the index, never by a scan).
/// </summary>
public sealed class RecourseService(
    AggregateStore<Claim> store,
    ClaimIndexReader index,
    ClaimQueries queries,
    IAppDirectory apps,
    ILedger ledger,
    IPolicyProfileProvider profiles,
    TimeProvider time,
    ILogger<RecourseService> logger)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public static readonly AuditActor SweepActor = AuditActor.System("recourse-sweep");

    public async Task<RecourseView> GetAsync(string appId, Caller caller, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var app = await apps.FindAsync(appId, cancellationToken);
        if (app is null || (caller.IsDeveloper && app.DeveloperId != caller.DeveloperId))
        {
            throw GovernanceProblem.NotFound($"No app '{appId}'.");
        }

        var page = index.OpenPageAsync(appId, continuationToken, Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize), cancellationToken);
        var balance = await ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable(appId), cancellationToken);
        var (open, next) = await page;

        // What the open claims still owe is the receivable: approvals debit it, recoveries and write-offs credit it.
        return new RecourseView(
            appId,
            open.Select(c => new RecourseClaimView(c.ClaimId, c.Status, new MoneyAmount(c.Approved, c.Currency), new MoneyAmount(c.Outstanding, c.Currency),
                c.PrepaidAt, c.RecourseOpenedAt, c.RecourseDueAt, c.Overdue)).ToList(),
            balance.Where(b => b.Balance != 0).Select(b => new LedgerAmount(b.Balance, b.Currency)).ToList(),
            balance.Select(b => new LedgerAmount(b.Balance, b.Currency)).ToList(),
            next);
    }

    public async Task<ClaimView> WriteOffAsync(string claimId, WriteOffRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        new ValidationErrors().Required("reason", request.Reason).MaxLength("reason", request.Reason, ClaimDecisions.MaxReasonLength)
            .NoControlCharacters("reason", request.Reason, allowLineBreaks: true).ThrowIfAny();
        if (!ClaimKeys.IsClaimId(claimId))
        {
            throw ClaimQueries.NotFound(claimId);
        }

        var stored = await store.UpdateAsync(claimId, async (c, ct) => c.WriteOff(request.Reason!.Trim(), await TermsAsync(c.Filing.AppId, ct), actor, time.GetUtcNow()),
            () => ClaimQueries.NotFound(claimId), cancellationToken);
        return await queries.ViewAsync(stored.State, cancellationToken);
    }

    /// <summary>Opens recourse on paid claims and marks it overdue once due; returns how many claims changed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var terms = new Dictionary<string, Task<RecourseTerms>>(StringComparer.Ordinal);
        Task<RecourseTerms> Terms(string appId, CancellationToken ct)
        {
            lock (terms)
            {
                return terms.TryGetValue(appId, out var known) ? known : terms[appId] = TermsAsync(appId, ct);
            }
        }

        var opened = await ChangeEachAsync(index.InStatusAsync(ClaimStatus.Prepaid, cancellationToken),
            async (claim, ct) => claim.OpenRecourse(await Terms(claim.Filing.AppId, ct), SweepActor, time.GetUtcNow()), cancellationToken);
        var overdue = await ChangeEachAsync(index.DueAsync(time.GetUtcNow(), cancellationToken),
            async (claim, ct) => claim.MarkOverdue(await Terms(claim.Filing.AppId, ct), SweepActor, time.GetUtcNow()), cancellationToken);
        return opened + overdue;
    }

    /// <summary>The profile's days until recourse is overdue and the developer of the app to notify.</summary>
    public async Task<RecourseTerms> TermsAsync(string appId, CancellationToken cancellationToken)
        => new(profiles.Current.Thresholds.Claims.RecourseOverdueDays, (await apps.FindAsync(appId, cancellationToken))?.DeveloperId);

    /// <summary>Applies <paramref name="step"/> to each listed claim, a few at a time; one claim's failure never stops the others.</summary>
    private async Task<int> ChangeEachAsync(IAsyncEnumerable<string> claimIds, Func<Claim, CancellationToken, Task<Change<Claim>?>> step, CancellationToken cancellationToken)
    {
        var changed = 0;
        await Parallel.ForEachAsync(claimIds, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (claimId, ct) =>
        {
            try
            {
                var applied = false;
                await store.UpdateAsync(claimId, async (claim, inner) =>
                {
                    var change = await step(claim, inner);
                    applied = change is not null;
                    return change;
                }, () => ClaimQueries.NotFound(claimId), ct);
                if (applied)
                {
                    Interlocked.Increment(ref changed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Recourse sweep could not update claim {ClaimId}; the next run tries again.", claimId);
            }
        });
        return changed;
    }
}
