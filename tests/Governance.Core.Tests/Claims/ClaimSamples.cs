using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Claims;

/// <summary>Claims at each stage of their life, made by the aggregate's own methods (no storage).</summary>
internal static class ClaimSamples
{
    public const string ClaimId = "clm_0123456789abcdef0123456789abcdef";
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly AuditActor Intake = AuditActor.Webhook(ClaimIntakeService.WebhookSource);
    public static readonly AuditActor Operator = AuditActor.Staff("op-1", "operator");
    public static readonly RecourseTerms Terms = new(30, "dev-7");

    public static ClaimFiling Filing(long amount = 1_000, string currency = "CNY", int evidence = 1)
        => new("cs-4711", "u-7f3a", "app-42", "order-9", Now.AddDays(-2), new ClaimDamage("fraud", "My neighbour's name is in here."),
            new MoneyAmount(amount, currency), Enumerable.Range(0, evidence).Select(i => new EvidenceItem($"receipt-{i}.pdf", new string('a', 64), null)).ToList());

    public static Change<Claim> Filed(long amount = 1_000, string currency = "CNY")
        => Claim.File(ClaimId, Filing(amount, currency), "msg-1", "op-1", "token-hash", Intake, Now);

    public static ClaimDecision Approval(long amount = 900)
        => new(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "Small claim with evidence.", new MoneyAmount(amount, "CNY"));

    public static ClaimDecision Review(string reasonCode = ClaimReasonCodes.AboveAutoApprovalLimit)
        => new(ClaimStatus.UnderReview, reasonCode, PolicyRuleIds.ClaimsAutoApproval, "Too much for the rules.");

    public static Claim Received(long amount = 1_000) => Filed(amount).State;

    public static Claim Approved(long amount = 900) => Received().Assess(Approval(amount), ClaimProcessor.Actor, Now.AddMinutes(1))!.State;

    public static Claim UnderReview(long claimed = 800_000) => Received(claimed).Assess(Review(), ClaimProcessor.Actor, Now.AddMinutes(1))!.State;

    public static Claim Prepaid(long amount = 900) => Approved(amount).ConfirmPayout("pay-1", null, Operator, Now.AddHours(1))!.State;

    public static Claim InRecourse(long amount = 900) => Prepaid(amount).OpenRecourse(Terms, RecourseService.SweepActor, Now.AddHours(2))!.State;

    public static IReadOnlyList<FollowUp> OfType<TState>(this Change<TState> change, string type)
        where TState : class
        => change.FollowUps.Where(f => f.Type == type).ToList();
}
