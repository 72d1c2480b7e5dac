using System.Globalization;
using System.Text.Json;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Developers;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;
using Governance.Core.Webhooks;

namespace Governance.Core.Onboarding.Requests;

/// <summary>Data of <c>governance.onboarding.decided</c> and of the developer's <c>onboarding.decided</c> webhook, as the README documents it.</summary>
public sealed record OnboardingDecidedData(
    string RequestId,
    string DeveloperId,
    string? AppId,
    string Decision,
    DateTimeOffset DecidedAt,
    string Profile,
    IReadOnlyList<OnboardingDecidedFinding> Findings);

/// <summary>One finding a decision rests on: the rule, its legal source, the contract's clause number if any, and the English message.</summary>
public sealed record OnboardingDecidedFinding(string Rule, string Citation, string? Clause, string Message);

public sealed partial record OnboardingRequest
{
    public const string WebhookEventType = "onboarding.decided";

    /// <summary>A message of an event or webhook finding is cut here, so the event stays far below the outbox's 32 KiB.</summary>
    private const int EventMessageLimit = 800;

    /// <summary>
    /// A staff decision replacing the request's status: <c>approve</c> from <c>changes_requested</c>, <c>rejected</c> or
    /// <c>error</c> (the caller has registered the app first), <c>reject</c> from <c>approved</c> (the change owes the
    /// app's suspension), <c>changes_requested</c> or <c>error</c>. The same decision again changes nothing (null); a
    /// request still being checked cannot be overridden (409).
    /// </summary>
    public Change<OnboardingRequest>? Decide(string decision, string reason, AuditActor actor, DateTimeOffset now)
    {
        if (OnboardingStatuses.IsOpen(Status))
        {
            throw GovernanceProblem.Conflict($"Onboarding request '{RequestId}' is {Status}: its check has not finished, so there is nothing to override yet.");
        }

        if (Status == decision)
        {
            return null;
        }

        var approve = decision == OnboardingStatuses.Approved;
        var next = Next(now) with
        {
            Status = decision,
            Decision = decision,
            DecidedAt = Millis(now),
            Override = new OnboardingOverride(decision, reason, actor, Status, Millis(now)),
            AppRegistered = AppRegistered || approve,
        };
        var change = new Change<OnboardingRequest>(next)
            .Emit(next.DecidedEvent())
            .Then(next.DecidedWebhook())
            .Then(Audit(next, OverriddenAction, actor, null, new Dictionary<string, string>
            {
                ["decision"] = decision,
                ["previousStatus"] = Status,
                ["reason"] = reason,
            }, $"{Resource(RequestId)}:overridden:{next.Version}"))
            .Then(next.StatusIndex(Status));
        if (approve)
        {
            return change.Then(next.Onboarded(recordTimeline: true));
        }

        return Status == OnboardingStatuses.Approved
            ? change.Then(OnboardingAppSuspension.Of(AppId, DeveloperId, RequestId, reason, actor, next.Version))
            : change;
    }

    /// <summary>Records that the re-check timer ran this approved contract against <paramref name="libraryVersion"/>; null when it already did.</summary>
    public Change<OnboardingRequest>? Rechecked(string libraryVersion, OnboardingOutcome outcome, DateTimeOffset now)
    {
        if (RecheckedLibraryVersion == libraryVersion)
        {
            return null;
        }

        var next = Next(now) with { RecheckedLibraryVersion = libraryVersion };
        return new Change<OnboardingRequest>(next)
            .Then(Audit(next, RecheckedAction, CheckActor, null, new Dictionary<string, string>
            {
                ["clauseLibraryVersion"] = libraryVersion,
                ["outcome"] = OnboardingStatuses.Of(outcome),
            }, $"{Resource(RequestId)}:rechecked:{libraryVersion}"))
            .Then(next.Onboarded(recordTimeline: false));
    }

    /// <summary>The app id the decision names: the app this request registered, else none.</summary>
    public string? DecidedAppId => AppRegistered ? AppId : null;

    /// <summary>The clause-library version this approval stands on: the last re-check's, else the check's (empty when overridden without one).</summary>
    public string AssessedLibraryVersion => RecheckedLibraryVersion ?? Check?.ClauseLibraryVersion ?? string.Empty;

    public OnboardingDecidedData DecidedData()
        => new(RequestId, DeveloperId, DecidedAppId, Decision ?? Status, DecidedAt ?? UpdatedAt, ProfileId,
            Problems().Select(f => new OnboardingDecidedFinding(f.RuleId, f.LegalBasis, f.Clause, Truncate(f.Message.En, EventMessageLimit))).ToList());

    private DomainEvent DecidedEvent()
        => DomainEvent.Create(EventTypes.OnboardingDecided, EventSources.Onboarding, RequestId, DecidedData(), DecidedAt ?? UpdatedAt,
            subject: RequestId, id: $"{RequestId}:decided:{Version}");

    /// <summary>The developer's signed webhook; its <c>webhook-id</c> is the event's id, so a re-run is deduplicated by the receiver.</summary>
    private FollowUp DecidedWebhook()
        => WebhookFollowUp.Of($"{RequestId}:decided:{Version}", DeveloperId, DeveloperService.CallbackEndpointId, WebhookEventType,
            JsonSerializer.Serialize(DecidedData(), GovernanceJson.Options));

    /// <summary>The index rows staff lists read: the row of the current status (the old one removed) and the row listing every request.</summary>
    private IEnumerable<FollowUp> StatusIndex(string? previousStatus)
    {
        var rowKey = OnboardingIndex.RequestRowKey(SubmittedAt, RequestId);
        if (previousStatus is not null && previousStatus != Status)
        {
            yield return IndexFollowUp.Delete(TableNames.OnboardingRequests, OnboardingIndex.ByStatus(previousStatus), rowKey, Version);
        }

        var columns = new Dictionary<string, string>
        {
            ["RequestId"] = RequestId,
            ["DeveloperId"] = DeveloperId,
            ["AppName"] = Manifest.App?.Name ?? string.Empty,
            ["Status"] = Status,
        };
        var times = new Dictionary<string, DateTimeOffset> { ["SubmittedAt"] = SubmittedAt, ["UpdatedAt"] = UpdatedAt };
        if (DecidedAt is { } decidedAt)
        {
            times["DecidedAt"] = decidedAt;
        }

        yield return IndexFollowUp.Put(new IndexRow(TableNames.OnboardingRequests, OnboardingIndex.ByStatus(Status), rowKey, Version, columns, Times: times));
        yield return IndexFollowUp.Put(new IndexRow(TableNames.OnboardingRequests, OnboardingIndex.AllRequests, rowKey, Version, columns, Times: times));
    }

    /// <summary>What an approval owes beyond the decision: the timeline fact and the row of the re-check timer.</summary>
    private IEnumerable<FollowUp> Onboarded(bool recordTimeline)
    {
        var assessedAt = DecidedAt ?? UpdatedAt;
        var highest = DataClassifications.Highest((Manifest.Data?.Categories ?? []).Where(c => c?.Classification is not null).Select(c => c.Classification!));
        if (recordTimeline)
        {
            yield return TimelineFollowUp.Of(TimelineKinds.AppOnboarded, AppId, assessedAt, new AppOnboardedSummary(AppId, RequestId, DeveloperId, highest, Override is not null));
        }

        yield return IndexFollowUp.Put(new IndexRow(TableNames.OnboardingRequests, OnboardingIndex.Onboarded, AppId, Version,
            Strings: new Dictionary<string, string>
            {
                ["RequestId"] = RequestId,
                ["DeveloperId"] = DeveloperId,
                ["HighestClassification"] = highest,
                ["ClauseLibraryVersion"] = AssessedLibraryVersion,
            },
            Times: new Dictionary<string, DateTimeOffset> { ["AssessedAt"] = assessedAt }));
    }
}

/// <summary>The timeline summary of <c>app.onboarded</c>.</summary>
public sealed record AppOnboardedSummary(string AppId, string RequestId, string DeveloperId, string HighestClassification, bool Overridden);

/// <summary>Index partitions of the <c>OnboardingRequests</c> table (request rows are PartitionKey = request id, RowKey <c>request</c>).</summary>
public static class OnboardingIndex
{
    /// <summary>Every request, oldest first (RowKey <see cref="RequestRowKey"/>).</summary>
    public const string AllRequests = "requests|all";

    /// <summary>One row per onboarded app (RowKey = app id): what the re-check timer pages through.</summary>
    public const string Onboarded = "onboarded-apps";

    /// <summary>The requests in one status, oldest first. Request ids never contain '|', so this is never a request's partition.</summary>
    public static string ByStatus(string status) => "requests|" + status;

    public static string RequestRowKey(DateTimeOffset submittedAt, string requestId)
        => submittedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + requestId;
}
