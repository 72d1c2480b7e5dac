using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Tests.Fakes;
using Governance.Core.Timeline;
using static Governance.Core.Tests.Claims.ClaimSamples;

namespace Governance.Core.Tests.Claims;

/// <summary>The claim aggregate's intake, decisions and payout: pure transitions and what each owes.</summary>
public sealed class ClaimTests
{
    private static readonly PolicyProfile Profile = Profiles.Provider().Current;
    private static readonly AuditActor Reviewer = AuditActor.Staff("r-1", "reviewer");

    [Fact]
    public void A_filed_claim_is_received_and_owes_its_audit_entry_status_webhook_timeline_fact_index_rows_and_last_its_processing()
    {
        var change = Filed();

        Assert.Equal(ClaimStatus.Received, change.State.Status);
        Assert.Equal((Now, Now, 1L), (change.State.ReceivedAt, change.State.UpdatedAt, change.State.Version));
        Assert.Empty(change.Events);
        Assert.Empty(change.Children);
        var audit = Assert.Single(change.OfType(AuditFollowUp.Type));
        Assert.Equal($"claims/{ClaimId}:received", audit.Id);
        var record = audit.Read<AuditRecord>();
        Assert.Equal((Claim.ReceivedAction, $"claims/{ClaimId}", "msg-1"), (record.Action, record.Resource, record.Details!["webhookId"]));
        var webhook = Assert.Single(change.OfType(ClaimStatusWebhooks.FollowUpType));
        Assert.Equal($"{ClaimId}:received", webhook.Id);
        Assert.Null(webhook.Read<ClaimStatusNotice>().Change.PreviousStatus);
        Assert.Equal(TimelineKinds.ClaimFiled, Assert.Single(change.OfType(IndexFollowUp.Type), f => f.Read<IndexRow>().Table == TableNames.Timeline).Read<IndexRow>().Strings!["Kind"]);
        Assert.Equal([ClaimIndex.StatusPartition(ClaimStatus.Received), ClaimIndex.UserPartition("u-7f3a")],
            change.OfType(IndexFollowUp.Type).Select(f => f.Read<IndexRow>()).Where(r => r.Table == ClaimIndex.Table).Select(r => r.PartitionKey));
        var last = change.FollowUps[^1];
        Assert.Equal(QueueFollowUp.Type, last.Type);
        Assert.Equal(ClaimId, JsonDocument.Parse(last.Read<QueueMessagePayload>().Message!).RootElement.GetProperty("claimId").GetString());
    }

    [Fact]
    public void An_automatic_approval_records_the_payout_instruction_and_owes_the_approval_posting()
    {
        var change = Received().Assess(Approval(900), ClaimProcessor.Actor, Now.AddMinutes(1))!;

        var claim = change.State;
        Assert.Equal((ClaimStatus.Approved, 900L, 900L), (claim.Status, claim.ApprovedAmount, claim.Outstanding));
        Assert.Equal((ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "system:claims-processor"), (claim.ReasonCode, claim.Rule, claim.DecidedBy));
        var prepaid = Assert.Single(change.Events);
        Assert.Equal((EventTypes.CompensationPrepaid, ClaimId), (prepaid.Type, prepaid.Id));
        var posting = Assert.Single(change.OfType(LedgerFollowUp.Type)).Read<LedgerPosting>();
        Assert.Equal(ClaimPostings.ApprovalId(ClaimId), posting.PostingId);
        Assert.Equal($"claims/{ClaimId}:approved", Assert.Single(change.OfType(AuditFollowUp.Type)).Id);
        var notice = Assert.Single(change.OfType(ClaimStatusWebhooks.FollowUpType)).Read<ClaimStatusNotice>();
        Assert.Equal(("approved", "received", ClaimReasonCodes.AutoApproved), (notice.Change.Status, notice.Change.PreviousStatus, notice.Change.ReasonCode));
        Assert.Equal(900, notice.AmountApproved!.Amount);
    }

    [Fact]
    public void A_claim_assessed_already_is_not_assessed_again()
    {
        Assert.Null(Approved().Assess(Approval(), ClaimProcessor.Actor, Now));
        Assert.Null(UnderReview().Assess(Approval(), ClaimProcessor.Actor, Now));
    }

    [Fact]
    public void A_claim_sent_to_review_has_a_reason_but_no_decision_and_owes_no_posting()
    {
        var change = Received(800_000).Assess(Review(), ClaimProcessor.Actor, Now)!;

        Assert.Equal(ClaimStatus.UnderReview, change.State.Status);
        Assert.Null(change.State.DecidedAt);
        Assert.Equal(ClaimReasonCodes.AboveAutoApprovalLimit, change.State.ReasonCode);
        Assert.Empty(change.Events);
        Assert.Empty(change.OfType(LedgerFollowUp.Type));
    }

    [Fact]
    public void A_reviewer_approval_pays_the_amount_named_and_repeating_it_changes_nothing()
    {
        var claim = UnderReview(800_000);
        var approve = new ReviewerDecision(true, new MoneyInput(300_000, "CNY"), "Receipt covers 3,000.00 CNY.");

        var change = claim.Review(approve, Profile, Reviewer, Now.AddHours(1))!;

        Assert.Equal((ClaimStatus.Approved, 300_000L, ClaimReasonCodes.ReviewerApproved, PolicyRuleIds.ClaimsAdvanceCompensation),
            (change.State.Status, change.State.ApprovedAmount, change.State.ReasonCode, change.State.Rule));
        Assert.Equal("staff:r-1 (reviewer)", change.State.DecidedBy);
        Assert.Equal(ClaimId, Assert.Single(change.Events).Id);
        Assert.Null(change.State.Review(approve with { Reason = "Same, worded differently." }, Profile, Reviewer, Now.AddHours(2)));
    }

    [Theory]
    [InlineData(400_000L, true)]
    [InlineData(null, true)]
    [InlineData(null, false)]
    public void Another_decision_on_a_decided_claim_is_409_naming_the_decision_recorded(long? amount, bool approve)
    {
        var decided = UnderReview(800_000).Review(new ReviewerDecision(true, new MoneyInput(300_000, "CNY"), "Partly."), Profile, Reviewer, Now)!.State;

        var problem = Assert.Throws<GovernanceProblem>(() => decided.Review(new ReviewerDecision(approve, amount is null ? null : new MoneyInput(amount, "CNY"), "Other."), Profile, Reviewer, Now));

        Assert.Equal(409, problem.Status);
        Assert.Contains("approved for 300000 CNY", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("staff:r-1 (reviewer)", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reviewer_decision_on_an_automatic_approval_is_409_citing_the_rule()
    {
        var problem = Assert.Throws<GovernanceProblem>(() => Approved(900).Review(new ReviewerDecision(true, null, "ok"), Profile, Reviewer, Now));

        Assert.Equal(409, problem.Status);
        Assert.Contains(PolicyRuleIds.ClaimsAutoApproval, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_above_the_claim_or_its_currency_cap_is_422_and_an_unaccepted_currency_can_only_be_rejected()
    {
        var claim = UnderReview(800_000);
        var cap = Profile.Thresholds.Claims.For("CNY")!.PerClaimCap;

        Assert.Equal(422, Assert.Throws<GovernanceProblem>(() => claim.Review(new ReviewerDecision(true, new MoneyInput(900_000, "CNY"), "x"), Profile, Reviewer, Now)).Status);
        Assert.Equal(422, Assert.Throws<GovernanceProblem>(() => claim.Review(new ReviewerDecision(true, new MoneyInput(1_000, "USD"), "x"), Profile, Reviewer, Now)).Status);
        var huge = Received(cap + 10).Assess(Review(ClaimReasonCodes.AbovePerClaimCap), ClaimProcessor.Actor, Now)!.State;
        var overCap = Assert.Throws<GovernanceProblem>(() => huge.Review(new ReviewerDecision(true, null, "all"), Profile, Reviewer, Now));
        Assert.Contains(PolicyRuleIds.ClaimsPerClaimCap, overCap.Detail, StringComparison.Ordinal);

        var yen = Claim.File(ClaimId, Filing(1_000, "JPY"), "m", "o", "h", Intake, Now).State
            .Assess(Review(), ClaimProcessor.Actor, Now)!.State;
        Assert.Contains(PolicyRuleIds.ClaimsCurrency, Assert.Throws<GovernanceProblem>(() => yen.Review(new ReviewerDecision(true, null, "x"), Profile, Reviewer, Now)).Detail, StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.Rejected, yen.Review(new ReviewerDecision(false, null, "Not a currency we pay."), Profile, Reviewer, Now)!.State.Status);
    }

    [Fact]
    public void A_payout_makes_the_claim_prepaid_with_its_posting_and_the_same_reference_again_changes_nothing()
    {
        var paidAt = Now.AddMinutes(30);
        var change = Approved(900).ConfirmPayout("pay-1", paidAt, Operator, Now.AddHours(1))!;

        Assert.Equal((ClaimStatus.Prepaid, paidAt, "pay-1"), (change.State.Status, change.State.PrepaidAt, change.State.PayoutReference));
        Assert.Equal(ClaimPostings.PayoutId(ClaimId), Assert.Single(change.OfType(LedgerFollowUp.Type)).Id);
        Assert.Contains(change.OfType(IndexFollowUp.Type), f => f.Read<IndexRow>().Table == TableNames.Timeline && f.Read<IndexRow>().Strings!["Kind"] == TimelineKinds.ClaimPrepaid);
        Assert.Empty(change.Events);
        Assert.Null(change.State.ConfirmPayout("pay-1", null, Operator, Now.AddHours(2)));
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => change.State.ConfirmPayout("pay-2", null, Operator, Now)).Status);
    }

    [Fact]
    public void Only_an_approved_claim_can_be_paid_out()
    {
        var rejected = Received().Assess(new ClaimDecision(ClaimStatus.Rejected, ClaimReasonCodes.UnknownApp, PolicyRuleIds.ClaimsAdvanceCompensation, "No app."), ClaimProcessor.Actor, Now)!.State;

        foreach (var claim in new[] { Received(), UnderReview(), rejected })
        {
            var problem = Assert.Throws<GovernanceProblem>(() => claim.ConfirmPayout("pay-1", null, Operator, Now));
            Assert.Equal(409, problem.Status);
            Assert.Contains("only approved claims", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_status_is_audited_and_announced_once_under_its_own_id()
    {
        var changes = new[]
        {
            Filed(),
            Received().Assess(Approval(), ClaimProcessor.Actor, Now)!,
            Approved().ConfirmPayout("pay-1", null, Operator, Now)!,
            Prepaid().OpenRecourse(Terms, RecourseService.SweepActor, Now)!,
            InRecourse().WriteOff("App vanished.", Terms, Operator, Now)!,
        };

        var statuses = new[] { "received", "approved", "prepaid", "recourse_open", "written_off" };
        Assert.Equal(statuses.Select(s => $"claims/{ClaimId}:{s}"), changes.Select(c => Assert.Single(c.OfType(AuditFollowUp.Type)).Id));
        Assert.Equal(statuses.Select(s => ClaimStatusWebhooks.DeliveryId(ClaimId, s)), changes.Select(c => Assert.Single(c.OfType(ClaimStatusWebhooks.FollowUpType)).Id));
        Assert.All(changes.Skip(2), c => Assert.Null(Assert.Single(c.OfType(ClaimStatusWebhooks.FollowUpType)).Read<ClaimStatusNotice>().Change.Reason));
        Assert.Equal(changes.Select(c => c.State.Version), changes.Select(c => c.State.Version).Distinct());
    }

    [Fact]
    public void A_claim_survives_its_table_row_unchanged()
    {
        var claim = InRecourse().Recover("wire-1", 400, Terms, Operator, Now.AddDays(1))!.State;
        var map = new ClaimMap();

        var row = map.ToRow(ClaimId, claim);
        var read = map.FromRow(row);

        Assert.Equal(JsonSerializer.Serialize(claim, GovernanceJson.Options), JsonSerializer.Serialize(read, GovernanceJson.Options));
        Assert.Equal(("recourse_open", "app-42"), (row.GetString("Status"), row.GetString("AppId")));
        Assert.Equal((ClaimId, ClaimMap.ClaimRowKey), (map.PartitionKey(ClaimId), map.RowKey(ClaimId)));
    }
}
