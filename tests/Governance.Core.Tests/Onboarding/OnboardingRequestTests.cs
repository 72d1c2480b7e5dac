using System.Text;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class OnboardingRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);
    private static readonly AuditActor Reviewer = AuditActor.Staff("rev-1", "reviewer");
    private const string RequestId = "onb_0123456789abcdef01234567";

    private static OnboardingRequest Pending(string classification = "general")
        => OnboardingRequest.Submit(RequestId, "dev_1", Manifest(classification), new StoredContract(new string('a', 64), "c.txt", 100, "text"),
            OnboardingIds.AppIdFor(RequestId), null, "cn-2021-draft", Now).State;

    private static OnboardingCheck CheckOf(string contract, string classification = "general")
    {
        var result = ContractCheck.Run(Encoding.UTF8.GetBytes(contract), "c.txt", Manifest(classification), Draft, ContractExtractionLimits.Default);
        return new OnboardingCheck(result.Decision.Outcome, result.Decision.Findings, result.ProfileId, result.ClauseLibraryVersion, result.PageCount, null, Now);
    }

    private static OnboardingRequest Decided(string contract = CompleteEnglish, string classification = "general")
        => Pending(classification).Start(Now)!.State.Conclude(CheckOf(contract, classification), Now)!.State;

    [Fact]
    public void A_submission_is_pending_and_owes_its_audit_entry_its_queue_message_and_its_index_rows()
    {
        var change = OnboardingRequest.Submit(RequestId, "dev_1", Manifest(), new StoredContract(new string('a', 64), "c.txt", 100, "text"),
            OnboardingIds.AppIdFor(RequestId), null, "cn-2021-draft", Now);

        Assert.Equal(OnboardingStatuses.Pending, change.State.Status);
        Assert.Equal("app_0123456789abcdef01234567", change.State.AppId);
        Assert.Empty(change.Events);
        Assert.Equal("onboarding/" + RequestId + ":submitted", Assert.Single(change.FollowUps, f => f.Type == AuditFollowUp.Type).Id);
        var queued = Assert.Single(change.FollowUps, f => f.Type == QueueFollowUp.Type).Read<QueueMessagePayload>();
        Assert.Equal(("OnboardingQueue", RequestId), (queued.QueueSetting, OnboardingCheckMessage.RequestIdOf(Assert.IsType<string>(queued.Message))));
        var index = change.FollowUps.Where(f => f.Type == IndexFollowUp.Type).Select(f => f.Read<IndexRow>().PartitionKey).ToList();
        Assert.Equal([OnboardingIndex.ByStatus("pending"), OnboardingIndex.AllRequests], index);
    }

    [Fact]
    public void The_check_starts_once_and_concludes_once_so_a_redelivered_message_never_decides_twice()
    {
        var started = Pending().Start(Now)!;
        Assert.Equal(OnboardingStatuses.Checking, started.State.Status);
        Assert.Contains(started.FollowUps, f => f.Type == IndexFollowUp.Type && f.Read<IndexRow>() is { Delete: true } row && row.PartitionKey == OnboardingIndex.ByStatus("pending"));
        Assert.Null(started.State.Start(Now));

        var decided = started.State.Conclude(CheckOf(CompleteEnglish), Now)!;
        Assert.Equal(OnboardingStatuses.Approved, decided.State.Status);
        Assert.Null(decided.State.Conclude(CheckOf(CompleteEnglish), Now));
        Assert.Null(decided.State.Start(Now));
        Assert.Null(decided.State.Fail("late", Now));
        Assert.Null(decided.State.RecordFailure("late", 3, Now));
    }

    [Fact]
    public void An_approval_emits_the_decided_event_and_the_developers_webhook_with_the_same_id_the_timeline_fact_and_the_recheck_row()
    {
        var change = Pending().Start(Now)!.State.Conclude(CheckOf(CompleteEnglish), Now)!;

        var decided = Assert.Single(change.Events);
        Assert.Equal((EventTypes.OnboardingDecided, EventSources.Onboarding, RequestId), (decided.Type, decided.Source, decided.Subject));
        using var data = JsonDocument.Parse(decided.Data.ToString());
        Assert.Equal("approved", data.RootElement.GetProperty("decision").GetString());
        Assert.Equal("app_0123456789abcdef01234567", data.RootElement.GetProperty("appId").GetString());
        Assert.Equal("cn-2021-draft", data.RootElement.GetProperty("profile").GetString());
        Assert.Empty(data.RootElement.GetProperty("findings").EnumerateArray());
        var webhook = Assert.Single(change.FollowUps, f => f.Type == WebhookFollowUp.Type);
        Assert.Equal(decided.Id, webhook.Id);
        Assert.Equal(("dev_1", "callback", "onboarding.decided"), (webhook.Read<WebhookPayload>().OwnerId, webhook.Read<WebhookPayload>().EndpointId, webhook.Read<WebhookPayload>().EventType));
        var rows = change.FollowUps.Where(f => f.Type == IndexFollowUp.Type).Select(f => f.Read<IndexRow>()).ToList();
        Assert.Contains(rows, r => r.Table == TableNames.Timeline && r.RowKey.StartsWith("app.onboarded|", StringComparison.Ordinal));
        var recheck = Assert.Single(rows, r => r.PartitionKey == OnboardingIndex.Onboarded);
        Assert.Equal("app_0123456789abcdef01234567", recheck.RowKey);
        Assert.Equal(Draft.Onboarding.ClauseLibrary.Version, recheck.Strings!["ClauseLibraryVersion"]);
        Assert.Equal("general", recheck.Strings["HighestClassification"]);
    }

    [Fact]
    public void A_refusal_names_its_reasons_with_their_citations_and_owes_no_app()
    {
        var change = Pending().Start(Now)!.State.Conclude(CheckOf("This agreement is made between the Platform and the Developer named below and sets out their obligations.\n\n1. The Developer shall keep processing records for one year.\n\n2. The Developer is responsible for the security of the personal data it processes and of its own systems."), Now)!;

        Assert.Equal(OnboardingStatuses.ChangesRequested, change.State.Status);
        Assert.Null(change.State.DecidedAppId);
        using var data = JsonDocument.Parse(Assert.Single(change.Events).Data.ToString());
        var findings = data.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "record_keeping" && f.GetProperty("citation").GetString()!.Length > 0);
        Assert.DoesNotContain(findings, f => f.GetProperty("rule").GetString() == "responsibility");
        Assert.False(data.RootElement.TryGetProperty("appId", out _));
        Assert.DoesNotContain(change.FollowUps, f => f.Type == IndexFollowUp.Type && f.Read<IndexRow>().PartitionKey == OnboardingIndex.Onboarded);
    }

    [Fact]
    public void A_failed_check_records_its_reason_and_only_an_open_request_can_fail()
    {
        var checking = Pending().Start(Now)!.State;
        var recorded = checking.RecordFailure("InvalidOperationException: blob missing", 2, Now)!.State;
        Assert.Equal((OnboardingStatuses.Checking, 2, "InvalidOperationException: blob missing"), (recorded.Status, recorded.FailedAttempts, recorded.LastFailure));
        Assert.Empty(checking.RecordFailure("x", 2, Now)!.FollowUps);

        var failed = recorded.Fail("Gave up.", Now)!;
        Assert.Equal((OnboardingStatuses.Error, "Gave up."), (failed.State.Status, failed.State.Error));
        Assert.Empty(failed.Events);
        Assert.Contains(failed.FollowUps, f => f.Type == AuditFollowUp.Type && f.Id.EndsWith(":failed", StringComparison.Ordinal));
        Assert.Null(failed.State.Fail("again", Now));
    }

    [Fact]
    public void Staff_cannot_override_an_open_request_and_the_same_decision_again_changes_nothing()
    {
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => Pending().Decide(OnboardingStatuses.Approved, "ok", Reviewer, Now)).Status);
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => Pending().Start(Now)!.State.Decide(OnboardingStatuses.Rejected, "no", Reviewer, Now)).Status);

        var approved = Decided();
        Assert.Null(approved.Decide(OnboardingStatuses.Approved, "again", Reviewer, Now));
    }

    [Fact]
    public void Rejecting_an_approved_request_owes_the_apps_suspension_and_approving_a_refused_one_its_onboarding()
    {
        var rejected = Decided().Decide(OnboardingStatuses.Rejected, "Side letter withdrawn.", Reviewer, Now)!;
        Assert.Equal(OnboardingStatuses.Rejected, rejected.State.Status);
        Assert.Equal(("Side letter withdrawn.", OnboardingStatuses.Approved), (rejected.State.Override!.Reason, rejected.State.Override.PreviousStatus));
        var suspension = Assert.Single(rejected.FollowUps, f => f.Type == OnboardingAppSuspension.Type).Read<OnboardingAppSuspension.SuspensionPayload>();
        Assert.Equal("app_0123456789abcdef01234567", suspension.AppId);
        Assert.Contains("Side letter withdrawn.", suspension.Reason, StringComparison.Ordinal);
        using (var data = JsonDocument.Parse(Assert.Single(rejected.Events).Data.ToString()))
        {
            Assert.Equal("rejected", data.RootElement.GetProperty("decision").GetString());
            Assert.Equal("app_0123456789abcdef01234567", data.RootElement.GetProperty("appId").GetString());
        }

        var audit = Assert.Single(rejected.FollowUps, f => f.Type == AuditFollowUp.Type).Read<AuditRecord>();
        Assert.Equal(("onboarding.overridden", "Side letter withdrawn."), (audit.Action, audit.Details!["reason"]));

        var refused = Decided(classification: "core");
        Assert.Equal(OnboardingStatuses.Rejected, refused.Status);
        var approved = refused.Decide(OnboardingStatuses.Approved, "Reclassified by the data office.", Reviewer, Now)!;
        Assert.Equal(OnboardingStatuses.Approved, approved.State.Status);
        Assert.Equal("app_0123456789abcdef01234567", approved.State.DecidedAppId);
        Assert.DoesNotContain(approved.FollowUps, f => f.Type == OnboardingAppSuspension.Type);
        Assert.Contains(approved.FollowUps, f => f.Type == IndexFollowUp.Type && f.Read<IndexRow>().PartitionKey == OnboardingIndex.Onboarded);
    }

    [Fact]
    public void A_recheck_is_recorded_once_per_library_version_and_moves_the_index_row_to_it()
    {
        var approved = Decided();

        var rechecked = approved.Rechecked("2099.1", OnboardingOutcome.ChangesRequested, Now)!;
        var row = Assert.Single(rechecked.FollowUps, f => f.Type == IndexFollowUp.Type).Read<IndexRow>();
        Assert.Equal("2099.1", row.Strings!["ClauseLibraryVersion"]);
        Assert.Null(rechecked.State.Rechecked("2099.1", OnboardingOutcome.Approved, Now));
    }

    [Theory]
    [InlineData("onb_0123456789abcdef01234567", true)]
    [InlineData("onb_0123456789ABCDEF01234567", false)]
    [InlineData("onb_0123", false)]
    [InlineData("../onb_0123456789abcdef01234567", false)]
    [InlineData("", false)]
    public void Request_ids_have_one_shape(string id, bool valid)
        => Assert.Equal(valid, OnboardingIds.IsRequestId(id));

    [Fact]
    public void Request_ids_follow_the_operation_so_a_retried_submission_names_the_same_request()
    {
        Assert.Equal(OnboardingIds.RequestIdFor("op-1"), OnboardingIds.RequestIdFor("op-1"));
        Assert.NotEqual(OnboardingIds.RequestIdFor("op-1"), OnboardingIds.RequestIdFor("op-2"));
        Assert.True(OnboardingIds.IsRequestId(OnboardingIds.RequestIdFor("op-1")));
        Assert.Null(OnboardingCheckMessage.RequestIdOf("not json"));
        Assert.Null(OnboardingCheckMessage.RequestIdOf("{\"requestId\":\"x\"}"));
    }
}
