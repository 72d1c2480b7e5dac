using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;
using Governance.Core.Webhooks;
using static Governance.Core.Tests.Claims.ClaimSamples;

namespace Governance.Core.Tests.Claims;

/// <summary>Recourse on a paid claim: opening, the overdue mark, recoveries and write-offs, with what each owes.</summary>
public sealed class ClaimRecourseTests
{
    [Fact]
    public void Opening_recourse_sets_its_due_date_and_notifies_the_developer_once_by_a_stable_webhook_id()
    {
        var change = Prepaid().OpenRecourse(Terms, RecourseService.SweepActor, Now.AddDays(1))!;

        Assert.Equal((ClaimStatus.RecourseOpen, Now.AddDays(1), Now.AddDays(31)), (change.State.Status, change.State.RecourseOpenedAt, change.State.RecourseDueAt));
        var notice = Assert.Single(change.OfType(WebhookFollowUp.Type));
        Assert.Equal($"{ClaimId}:{ClaimNotices.RecourseOpenedType}", notice.Id);
        var payload = notice.Read<WebhookPayload>();
        Assert.Equal(("dev-7", Governance.Core.Developers.DeveloperService.CallbackEndpointId, ClaimNotices.RecourseOpenedType), (payload.OwnerId, payload.EndpointId, payload.EventType));
        Assert.Null(change.State.OpenRecourse(Terms, RecourseService.SweepActor, Now));
        Assert.Null(Approved().OpenRecourse(Terms, RecourseService.SweepActor, Now));
    }

    [Fact]
    public void An_app_without_a_developer_gets_no_notice()
        => Assert.Empty(Prepaid().OpenRecourse(Terms with { DeveloperId = null }, RecourseService.SweepActor, Now)!.OfType(WebhookFollowUp.Type));

    [Fact]
    public void Recourse_is_marked_overdue_once_after_its_due_date_with_an_audit_entry_and_a_notice()
    {
        var open = InRecourse();
        var due = open.RecourseDueAt!.Value;

        Assert.Null(open.MarkOverdue(Terms, RecourseService.SweepActor, due.AddSeconds(-1)));
        var change = open.MarkOverdue(Terms, RecourseService.SweepActor, due.AddSeconds(1))!;

        Assert.Equal(due.AddSeconds(1), change.State.RecourseOverdueAt);
        Assert.Equal(ClaimStatus.RecourseOpen, change.State.Status);
        Assert.Equal($"claims/{ClaimId}:recourse_overdue", Assert.Single(change.OfType(AuditFollowUp.Type)).Id);
        Assert.Equal($"{ClaimId}:{ClaimNotices.RecourseOverdueType}", Assert.Single(change.OfType(WebhookFollowUp.Type)).Id);
        Assert.Empty(change.OfType(ClaimStatusWebhooks.FollowUpType));
        Assert.Null(change.State.MarkOverdue(Terms, RecourseService.SweepActor, due.AddDays(1)));
    }

    [Fact]
    public void A_partial_recovery_is_a_child_row_with_its_posting_and_audit_entry_and_keeps_recourse_open()
    {
        var change = InRecourse(900).Recover("wire-1", 400, Terms, Operator, Now.AddDays(1))!;

        var claim = change.State;
        Assert.Equal((ClaimStatus.RecourseOpen, 500L, 400L, 1, "wire-1"), (claim.Status, claim.Outstanding, claim.RecoveredAmount, claim.RecoveryCount, claim.LastRecoveryReference));
        var row = Assert.IsType<ClaimRecoveryRow>(Assert.Single(change.Children));
        Assert.Equal(new ClaimRecoveryRow(1, new ClaimRecovery("wire-1", 400, Now.AddDays(1))), row);
        Assert.Equal(ClaimPostings.RecoveryId(ClaimId, "wire-1"), Assert.Single(change.OfType(LedgerFollowUp.Type)).Id);
        var audit = Assert.Single(change.OfType(AuditFollowUp.Type));
        Assert.Equal($"claims/{ClaimId}:{ClaimMap.RecoveryRowKey("wire-1")}", audit.Id);
        Assert.Equal(Claim.RecoveryAllocatedAction, audit.Read<AuditRecord>().Action);
        Assert.Empty(change.Events);
    }

    [Fact]
    public void The_recovery_that_leaves_nothing_outstanding_recovers_the_claim_and_announces_it_with_the_completing_settlement()
    {
        var partly = InRecourse(900).Recover("wire-1", 400, Terms, Operator, Now.AddDays(1))!.State;

        var change = partly.Recover("wire-2", 1_000, Terms, Operator, Now.AddDays(2))!;

        Assert.Equal((ClaimStatus.Recovered, 0L, 900L, 2), (change.State.Status, change.State.Outstanding, change.State.RecoveredAmount, change.State.RecoveryCount));
        Assert.Equal(500, Assert.IsType<ClaimRecoveryRow>(Assert.Single(change.Children)).Recovery.Amount);
        var recovered = Assert.Single(change.Events);
        Assert.Equal((EventTypes.CompensationRecovered, ClaimEvents.RecoveredEventId(ClaimId)), (recovered.Type, recovered.Id));
        Assert.Equal($"claims/{ClaimId}:recovered", Assert.Single(change.OfType(AuditFollowUp.Type)).Id);
        Assert.Null(change.State.Recover("wire-3", 100, Terms, Operator, Now));
    }

    [Fact]
    public void A_settlement_reaching_a_paid_claim_before_the_timer_opens_its_recourse_first()
    {
        var change = Prepaid(900).Recover("wire-1", 900, Terms, Operator, Now.AddDays(1))!;

        Assert.Equal(ClaimStatus.Recovered, change.State.Status);
        Assert.NotNull(change.State.RecourseOpenedAt);
        Assert.Equal([$"claims/{ClaimId}:recourse_open", $"claims/{ClaimId}:recovered"], change.OfType(AuditFollowUp.Type).Select(f => f.Id));
        Assert.Equal(["recourse_open", "recovered"], change.OfType(ClaimStatusWebhooks.FollowUpType).Select(f => f.Read<ClaimStatusNotice>().Change.Status));
        Assert.Single(change.OfType(WebhookFollowUp.Type));
    }

    [Fact]
    public void A_write_off_gives_up_what_is_outstanding_once_and_only_for_paid_claims()
    {
        var partly = InRecourse(900).Recover("wire-1", 300, Terms, Operator, Now.AddDays(1))!.State;

        var change = partly.WriteOff("App vanished.", Terms, Operator, Now.AddDays(2))!;

        Assert.Equal((ClaimStatus.WrittenOff, 0L, 600L, "App vanished."), (change.State.Status, change.State.Outstanding, change.State.WrittenOffAmount, change.State.WriteOffReason));
        var posting = Assert.Single(change.OfType(LedgerFollowUp.Type)).Read<LedgerPosting>();
        Assert.Equal((ClaimPostings.WriteOffId(ClaimId), 600L), (posting.PostingId, posting.TotalDebit));
        Assert.Null(change.State.WriteOff("again", Terms, Operator, Now));
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => Approved().WriteOff("no", Terms, Operator, Now)).Status);
        var recovered = InRecourse(900).Recover("wire-1", 900, Terms, Operator, Now)!.State;
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => recovered.WriteOff("no", Terms, Operator, Now)).Status);
    }

    [Fact]
    public void The_postings_of_a_claims_life_balance_and_settle_the_users_payable_and_the_apps_receivable()
    {
        var approval = Received().Assess(Approval(900), ClaimProcessor.Actor, Now)!;
        var payout = approval.State.ConfirmPayout("pay-1", null, Operator, Now)!;
        var first = payout.State.Recover("wire-1", 600, Terms, Operator, Now)!;
        var second = first.State.Recover("wire-2", 100, Terms, Operator, Now)!;
        var writeOff = second.State.WriteOff("gone", Terms, Operator, Now)!;

        var postings = new[] { approval, payout, first, second, writeOff }.SelectMany(c => c.OfType(LedgerFollowUp.Type)).Select(f => f.Read<LedgerPosting>()).ToList();

        Assert.Equal([ClaimPostings.ApprovalId(ClaimId), ClaimPostings.PayoutId(ClaimId), ClaimPostings.RecoveryId(ClaimId, "wire-1"), ClaimPostings.RecoveryId(ClaimId, "wire-2"), ClaimPostings.WriteOffId(ClaimId)],
            postings.Select(p => p.PostingId));
        var balance = TrialBalance.From(postings.SelectMany(p => p.Lines.Select(l => (l.Account, p.Currency, l.Debit, l.Credit))), postings.Count);
        Assert.True(balance.Balanced);
        decimal Balance(string account) => balance.Accounts.Single(a => a.Account == account).Balance;
        Assert.Equal(0, Balance("payable:user:u-7f3a"));
        Assert.Equal(0, Balance("recourse_receivable:app:app-42"));
        Assert.Equal(-200, Balance("platform_cash"));
        Assert.Equal(200, Balance("recourse_write_off_expense"));
    }

    [Fact]
    public void A_completed_settlement_records_one_recovery_settled_fact_for_reports_over_its_period()
    {
        var recorded = Settlement.Record("app-42", "wire-1", new MoneyAmount(1_000, "CNY"), [new SettlementPlanItem(ClaimId, 900)], Now).State;
        var settledAt = Now.AddHours(3);

        var change = recorded.Complete([new SettlementAllocation(ClaimId, new MoneyAmount(700, "CNY"), "recourse_open")], Operator, settledAt)!;

        var fact = Assert.Single(change.OfType(IndexFollowUp.Type).Select(f => f.Read<IndexRow>()), r => r.Table == TableNames.Timeline);
        Assert.Equal((TimelineKinds.RecoverySettled, "app-42|wire-1"), (fact.Strings!["Kind"], fact.Strings["Id"]));
        Assert.Equal((TimelineFollowUp.Partition(settledAt), settledAt), (fact.PartitionKey, fact.Times!["At"]));
        var summary = System.Text.Json.JsonDocument.Parse(fact.Strings["Summary"]).RootElement;
        Assert.Equal((700L, 1), (summary.GetProperty("allocated").GetProperty("amount").GetInt64(), summary.GetProperty("allocatedClaims").GetInt32()));
        Assert.Null(change.State.Complete([], Operator, settledAt.AddHours(1)));
    }

    [Fact]
    public void A_change_fits_one_table_transaction_and_names_each_follow_up_once()
    {
        var changes = new[]
        {
            Filed(),
            Received().Assess(Approval(), ClaimProcessor.Actor, Now)!,
            Prepaid().Recover("wire-1", 900, Terms, Operator, Now)!,
            InRecourse().MarkOverdue(Terms, RecourseService.SweepActor, Now.AddDays(60))!,
        };

        Assert.All(changes, c =>
        {
            Assert.True(1 + c.Children.Count + c.Events.Count + c.FollowUps.Count + 1 <= 100);
            Assert.Equal(c.FollowUps.Count, c.FollowUps.Select(f => f.Type + "|" + f.Id).Distinct().Count());
        });
        Assert.Equal(TableNames.Claims, new ClaimMap().Table);
    }
}
