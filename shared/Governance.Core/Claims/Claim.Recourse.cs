using System.Globalization;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;

namespace Governance.Core.Claims;

/// <summary>
/// What recourse needs to know beyond the claim: the profile's days until it is overdue, and the developer of the
/// claim's app (who is told when recourse opens and when it is overdue), if it has one.
/// </summary>
public sealed record RecourseTerms(int OverdueDays, string? DeveloperId);

/// <summary>One recovery of a claim, stored as a row of its own in the claim's partition (<see cref="ClaimMap"/>).</summary>
public sealed record ClaimRecoveryRow(int Sequence, ClaimRecovery Recovery);

/// <summary>Part of a settlement allocated to one claim.</summary>
public sealed record ClaimRecovery(string Reference, long Amount, DateTimeOffset At);

public sealed partial record Claim
{
    public const string RecoveryAllocatedAction = "claim.recovery_allocated";
    public const string RecourseOverdueAction = "claim.recourse_overdue";

    /// <summary>Opens recourse on a paid claim (the timer's first step); null when the claim is not <c>prepaid</c>.</summary>
    public Change<Claim>? OpenRecourse(RecourseTerms terms, AuditActor actor, DateTimeOffset now)
        => Status == ClaimStatus.Prepaid ? Indexed(Open(terms, actor, now)) : null;

    /// <summary>Marks open recourse overdue once its due date has passed, telling the developer; null when it is not (or already) overdue.</summary>
    public Change<Claim>? MarkOverdue(RecourseTerms terms, AuditActor actor, DateTimeOffset now)
    {
        if (Status != ClaimStatus.RecourseOpen || RecourseOverdueAt is not null || RecourseDueAt is not { } due || due > now || Outstanding <= 0)
        {
            return null;
        }

        var next = this with { RecourseOverdueAt = now, UpdatedAt = now, Version = Version + 1 };
        return Indexed(new Change<Claim>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, RecourseOverdueAction, AuditResource, ClaimStateMachine.ToWire(Status), PolicyRuleIds.ClaimsRecourseOverdue, new Dictionary<string, string>
            {
                ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture),
                ["outstanding"] = $"{Outstanding} {Currency}",
            }), $"{AuditResource}:recourse_overdue"))
            .Then(ClaimNotices.RecourseOverdue(next, terms, now)));
    }

    /// <summary>
    /// Allocates up to <paramref name="planned"/> of settlement <paramref name="reference"/> to the claim: a recovery
    /// row, its posting (<c>claim:{id}:recovery:{reference}</c>) and audit entry; the recovery that leaves nothing
    /// outstanding makes it <c>recovered</c> with <c>governance.compensation.recovered</c> (id <c>{id}:recovered</c>).
    /// A paid claim has its recourse opened first. Null when the claim owes nothing (paid otherwise meanwhile). The
    /// caller makes sure the claim holds no recovery of this settlement yet (the row's insert would refuse a second).
    /// </summary>
    public Change<Claim>? Recover(string reference, long planned, RecourseTerms terms, AuditActor actor, DateTimeOffset now)
    {
        var take = ClaimStateMachine.IsRecourseOutstanding(Status) ? Math.Min(planned, Outstanding) : 0;
        if (take <= 0)
        {
            return null;
        }

        var change = Status == ClaimStatus.Prepaid ? Open(terms, actor, now) : new Change<Claim>(this with { Version = Version + 1 });
        return Indexed(change.Next(claim => claim.Allocate(new ClaimRecovery(reference, take, now), actor, now)));
    }

    /// <summary>
    /// Gives up recourse for what is still outstanding (<c>written_off</c>, with its write-off posting). A claim written
    /// off already changes nothing (null); a claim not paid, or already recovered, is a 409.
    /// </summary>
    public Change<Claim>? WriteOff(string reason, RecourseTerms terms, AuditActor actor, DateTimeOffset now)
    {
        if (Status == ClaimStatus.WrittenOff)
        {
            return null;
        }

        if (!ClaimStateMachine.IsRecourseOutstanding(Status))
        {
            throw GovernanceProblem.Conflict($"Claim '{ClaimId}' is {ClaimStateMachine.ToWire(Status)}; only paid claims with open recourse can be written off.");
        }

        var change = Status == ClaimStatus.Prepaid ? Open(terms, actor, now) : new Change<Claim>(this);
        return Indexed(change.Next(claim =>
        {
            var moved = claim.MoveTo(ClaimStatus.WrittenOff, claim with { WrittenOffAt = now, WrittenOffAmount = claim.Outstanding, Outstanding = 0, WriteOffReason = reason },
                actor, PolicyRuleIds.ClaimsRecourse, now, new Dictionary<string, string> { ["reason"] = reason, ["writtenOff"] = $"{claim.Outstanding} {Currency}" });
            return moved.State.WrittenOffAmount > 0 ? moved.Then(LedgerFollowUp.Of(ClaimPostings.WriteOff(moved.State))) : moved;
        }));
    }

    private Change<Claim> Open(RecourseTerms terms, AuditActor actor, DateTimeOffset now)
    {
        var due = now.AddDays(terms.OverdueDays);
        var change = MoveTo(ClaimStatus.RecourseOpen, this with { RecourseOpenedAt = now, RecourseDueAt = due }, actor, PolicyRuleIds.ClaimsRecourse, now, new Dictionary<string, string>
        {
            ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture),
            ["amount"] = $"{Outstanding} {Currency}",
        });
        return change.Then(ClaimNotices.RecourseOpened(change.State, terms, now));
    }

    private Change<Claim> Allocate(ClaimRecovery recovery, AuditActor actor, DateTimeOffset now)
    {
        var next = this with
        {
            Outstanding = Outstanding - recovery.Amount,
            RecoveredAmount = RecoveredAmount + recovery.Amount,
            RecoveryCount = RecoveryCount + 1,
            LastRecoveryReference = recovery.Reference,
            UpdatedAt = now,
        };
        var details = new Dictionary<string, string>
        {
            ["settlementReference"] = recovery.Reference,
            ["allocated"] = $"{recovery.Amount} {Currency}",
            ["outstanding"] = $"{next.Outstanding} {Currency}",
        };
        var change = next.Outstanding == 0
            ? MoveTo(ClaimStatus.Recovered, next with { RecoveredAt = now }, actor, PolicyRuleIds.ClaimsRecourse, now, details)
            : new Change<Claim>(next).Then(AuditFollowUp.Of(
                new AuditRecord(actor, RecoveryAllocatedAction, AuditResource, ClaimStateMachine.ToWire(Status), PolicyRuleIds.ClaimsRecourse, details),
                $"{AuditResource}:{ClaimMap.RecoveryRowKey(recovery.Reference)}"));
        change = change
            .With(new ClaimRecoveryRow(next.RecoveryCount, recovery))
            .Then(LedgerFollowUp.Of(ClaimPostings.Recovery(change.State, recovery)));
        return change.State.Status == ClaimStatus.Recovered ? change.Emit(ClaimEvents.Recovered(change.State)) : change;
    }
}
