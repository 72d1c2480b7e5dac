using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Problems;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Apps;

public sealed class AppTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);
    private static readonly AuditActor Operator = AuditActor.Staff("op-1", "operator");

    private static App Registered(string? developerId = "dev-1")
        => App.Register("app-1", "Shop", developerId, "op-123", Operator, Now).State;

    [Fact]
    public void Registration_owes_its_audit_entry_under_the_operation_and_the_developer_index_row()
    {
        var change = App.Register("app-1", "Shop", "dev-1", "op-123", Operator, Now);

        Assert.Equal(AppStatuses.Active, change.State.Status);
        Assert.Empty(change.Events);
        var audit = Assert.Single(change.FollowUps, f => f.Type == AuditFollowUp.Type);
        Assert.Equal("apps/app-1:registered:op-123", audit.Id);
        var index = Assert.Single(change.FollowUps, f => f.Type == IndexFollowUp.Type).Read<IndexRow>();
        Assert.Equal((TableNames.Apps, AppIndex.ByDeveloper("dev-1"), "app|app-1"), (index.Table, index.PartitionKey, index.RowKey));
    }

    [Fact]
    public void Suspension_emits_the_suspended_event_with_a_per_version_id_and_its_audit_entry()
    {
        var change = Registered().Suspend("Contract breach", "onboarding.third-party-obligations", Operator, Now);

        Assert.Equal(AppStatuses.Suspended, change.State.Status);
        var domainEvent = Assert.Single(change.Events);
        Assert.Equal(EventTypes.AppSuspended, domainEvent.Type);
        Assert.Equal("app-1:suspended:2", domainEvent.Id);
        Assert.Contains("\"reason\":\"Contract breach\"", domainEvent.Data.ToString(), StringComparison.Ordinal);
        Assert.Contains(change.FollowUps, f => f.Type == AuditFollowUp.Type && f.Id == "apps/app-1:suspended:2");
        var timeline = change.FollowUps.Where(f => f.Type == IndexFollowUp.Type).Select(f => f.Read<IndexRow>()).Single(r => r.Table == TableNames.Timeline);
        Assert.StartsWith("app.suspended|", timeline.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suspended_app_cannot_be_suspended_again_and_only_a_suspended_app_is_reinstated()
    {
        var suspended = Registered().Suspend("Breach", null, Operator, Now).State;

        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => suspended.Suspend("Again", null, Operator, Now)).Status);
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => Registered().Reinstate("Fine", Operator, Now)).Status);
        Assert.Equal(AppStatuses.Active, suspended.Reinstate("Fixed", Operator, Now).State.Status);
    }

    [Fact]
    public void An_app_without_a_developer_owes_no_index_row()
        => Assert.DoesNotContain(App.Register("app-2", "Ops", null, "op-9", Operator, Now).FollowUps, f => f.Type == IndexFollowUp.Type);

    [Fact]
    public void An_onboarded_app_is_indexed_under_each_declared_category_and_a_reassessment_flag_is_raised_once_per_source()
    {
        var data = new AppDataDeclaration("req-1", [new AppDataCategory("Purchase history", "general", true, false), new AppDataCategory("Location", "important", true, true)], "important", false);
        var registered = App.Register("app-3", "Maps", "dev-1", "req-1", Operator, Now, data: data);

        var categories = registered.FollowUps.Where(f => f.Type == IndexFollowUp.Type).Select(f => f.Read<IndexRow>().PartitionKey).ToList();
        Assert.Contains(AppIndex.ByCategory("purchase history"), categories);
        Assert.Contains(AppIndex.ByCategory(" LOCATION "), categories);

        var flagged = registered.State.FlagForReassessment("asset:a-1:core", "Location became core data", "onboarding.reassessment", Operator, Now);
        Assert.NotNull(flagged);
        Assert.Single(flagged.State.Reassessments);
        Assert.Null(flagged.State.FlagForReassessment("asset:a-1:core", "again", null, Operator, Now));
        Assert.Empty(flagged.State.ClearReassessments(null, Operator, Now, "re-approved").State.Reassessments);
    }
}
