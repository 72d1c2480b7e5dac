using Governance.Core.Audit;
using Governance.Core.Compliance;
using Governance.Core.Compliance.Exports;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Compliance;

public sealed class ExportApprovalTests
{
    private static readonly PolicyProfile Profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
    private static readonly DateTimeOffset Recorded = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = AuditActor.Staff("op", "operator");

    private static ExportApproval Export(DateTimeOffset? expiresAt)
        => new("exp_" + new string('b', 32), ExportStatuses.Approved, ["ast_" + new string('c', 32)],
            [new ExportedAsset("ast_" + new string('c', 32), "Orders", "general", 0, false)], new ExportRecipient("R", "DE"), "purpose", ExportRoutes.StandardContract, null,
            expiresAt, expiresAt?.AddDays(-60), Recorded, "op", (expiresAt ?? Recorded).AddYears(3), [ComplianceRuleIds.ExportRecordRetention], Profile.Id, new string('b', 32), 1);

    [Fact]
    public void Deleting_before_the_retention_period_is_a_409_citing_the_rule_and_after_it_leaves_a_tombstone()
    {
        var export = Export(Recorded.AddYears(1));

        var refused = Assert.Throws<GovernanceProblem>(() => export.Delete(Recorded.AddYears(4).AddSeconds(-1), Profile, Actor));
        Assert.Equal(409, refused.Status);
        Assert.Contains(ComplianceRuleIds.ExportRecordRetention, refused.Errors!.Keys);
        Assert.Contains(Profile.Rule(ComplianceRuleIds.ExportRecordRetention).Citation, refused.Detail, StringComparison.Ordinal);

        var deleted = export.Delete(Recorded.AddYears(4), Profile, Actor)!;
        Assert.Equal(ExportStatuses.Deleted, deleted.State.Status);
        Assert.Null(deleted.State.Recipient);
        Assert.Empty(deleted.State.Assets);
        Assert.Contains(deleted.FollowUps, f => f.Type == AuditFollowUp.Type && f.Id.EndsWith(":deleted", StringComparison.Ordinal));
        Assert.Contains(deleted.FollowUps, f => f.Id.StartsWith($"delete|{TableNames.Exports}|{ExportIndex.Asset("ast_" + new string('c', 32))}|", StringComparison.Ordinal));
        Assert.Contains(deleted.FollowUps, f => f.Id.StartsWith($"put|{TableNames.Exports}|{ExportIndex.Status(ExportStatuses.Deleted)}|", StringComparison.Ordinal));
        Assert.Null(deleted.State.Delete(Recorded.AddYears(5), Profile, Actor));
    }

    [Fact]
    public void The_timer_warns_within_the_window_then_expires_the_approval_at_its_time()
    {
        var expires = Recorded.AddDays(100);
        var export = Export(expires);

        Assert.Null(export.Advance(expires.AddDays(-61), Profile, Actor));
        var warned = export.Advance(expires.AddDays(-60), Profile, Actor)!;
        var flag = Assert.Single(warned.State.Flags);
        Assert.Equal(ComplianceRuleIds.ExportExpiryWarning, flag.Rule);
        Assert.Equal(
            [$"delete|{TableNames.Exports}|due|{DueIndex.RowKey(expires.AddDays(-60), export.ExportId, "warn")}|2", $"put|{TableNames.Exports}|due|{DueIndex.RowKey(expires, export.ExportId, "expire")}|2"],
            warned.FollowUps.Where(f => f.Id.Contains("|due|", StringComparison.Ordinal)).Select(f => f.Id));
        Assert.Null(warned.State.Advance(expires.AddSeconds(-1), Profile, Actor));

        var expired = warned.State.Advance(expires, Profile, Actor)!;
        Assert.Equal(ExportStatuses.Expired, expired.State.Status);
        Assert.Null(expired.State.Advance(expires.AddDays(1), Profile, Actor));
        Assert.Null(expired.State.Flag("asset:x:important", "r", null, Actor, expires));
    }

    [Fact]
    public void A_flag_from_the_same_source_is_added_once()
    {
        var flagged = Export(null).Flag("asset:a:important", "raised", ComplianceRuleIds.DataReclassification, Actor, Recorded)!;
        Assert.Single(flagged.State.Flags);
        Assert.Null(flagged.State.Flag("asset:a:important", "raised", ComplianceRuleIds.DataReclassification, Actor, Recorded.AddDays(1)));
    }
}
