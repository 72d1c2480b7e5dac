using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Storage;

namespace Governance.Core.Onboarding.Requests;

/// <summary>The contract as stored: content-addressed in <c>contracts/</c>, with the name it was sent under (a hint only) and the format its bytes showed.</summary>
public sealed record StoredContract(string Sha256, string? FileName, long Length, string Format);

/// <summary>What one check found: the outcome, every finding, and the profile and clause-library version it applied.</summary>
public sealed record OnboardingCheck(
    OnboardingOutcome Outcome,
    IReadOnlyList<ClauseFinding> Findings,
    string ProfileId,
    string ClauseLibraryVersion,
    int PageCount,
    string? ExtractionFailure,
    DateTimeOffset CheckedAt);

/// <summary>A staff decision that replaced the request's status, with its reason.</summary>
public sealed record OnboardingOverride(string Decision, string Reason, AuditActor Actor, string PreviousStatus, DateTimeOffset At);

/// <summary>
/// A third party's request to connect an app, as an aggregate (table <c>OnboardingRequests</c>, partition = request
/// id). Its methods guard the transitions (<see cref="OnboardingStatuses"/>) and return the change with what it owes:
/// the queue message that starts the check, audit entries for every transition, the index rows staff lists read,
/// and on a decision the <c>governance.onboarding.decided</c> event, the developer's signed <c>onboarding.decided</c>
/// webhook and, on approval, the <c>app.onboarded</c> timeline fact and the row that puts the app under the re-check
/// timer. <see cref="AppId"/> is fixed at submission: the app of the request this one resubmits, else one derived
/// from this request, so a chain of resubmissions onboards one app.
/// </summary>
public sealed partial record OnboardingRequest(
    string RequestId,
    string DeveloperId,
    string Status,
    OnboardingManifest Manifest,
    StoredContract Contract,
    string AppId,
    string? PreviousRequestId,
    string ProfileId,
    DateTimeOffset SubmittedAt,
    long Version)
{
    public const string SubmittedAction = "onboarding.submitted";
    public const string CheckingAction = "onboarding.checking";
    public const string DecidedAction = "onboarding.decided";
    public const string FailedAction = "onboarding.failed";
    public const string OverriddenAction = "onboarding.overridden";
    public const string RecheckedAction = "onboarding.rechecked";

    /// <summary>The check's result; recorded before an approval registers the app, so a redelivered message concludes with the same result.</summary>
    public OnboardingCheck? Check { get; init; }

    /// <summary><c>approved</c>, <c>changes_requested</c> or <c>rejected</c> once decided (by the check or a staff override).</summary>
    public string? Decision { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Whether this request's approval registered (or re-assessed) <see cref="AppId"/>.</summary>
    public bool AppRegistered { get; init; }

    public OnboardingOverride? Override { get; init; }

    /// <summary>Why the check could not be completed (status <c>error</c>).</summary>
    public string? Error { get; init; }

    /// <summary>The last failed attempt of the check, kept for the reason of an <c>error</c>.</summary>
    public string? LastFailure { get; init; }

    public int FailedAttempts { get; init; }

    /// <summary>The clause-library version the re-check timer last ran this approved contract against.</summary>
    public string? RecheckedLibraryVersion { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public static string Resource(string requestId) => "onboarding/" + requestId;

    public static Change<OnboardingRequest> Submit(
        string requestId,
        string developerId,
        OnboardingManifest manifest,
        StoredContract contract,
        string appId,
        string? previousRequestId,
        string profileId,
        DateTimeOffset now)
    {
        var request = new OnboardingRequest(requestId, developerId, OnboardingStatuses.Pending, manifest, contract, appId, previousRequestId, profileId, Millis(now), 1)
        {
            UpdatedAt = Millis(now),
        };
        var details = new Dictionary<string, string> { ["contractSha256"] = contract.Sha256, ["format"] = contract.Format, ["appId"] = appId };
        if (previousRequestId is not null)
        {
            details["previousRequestId"] = previousRequestId;
        }

        return new Change<OnboardingRequest>(request)
            .Then(Audit(request, SubmittedAction, AuditActor.Developer(developerId), null, details, $"{Resource(requestId)}:submitted"))
            .Then(QueueFollowUp.Of($"{Resource(requestId)}:queued", OnboardingCheckMessage.QueueSetting, OnboardingCheckMessage.For(requestId)))
            .Then(request.StatusIndex(null));
    }

    /// <summary><c>pending → checking</c>; null when the check already started or the request is no longer open.</summary>
    public Change<OnboardingRequest>? Start(DateTimeOffset now)
    {
        if (Status != OnboardingStatuses.Pending)
        {
            return null;
        }

        var next = Next(now) with { Status = OnboardingStatuses.Checking };
        return new Change<OnboardingRequest>(next)
            .Then(Audit(next, CheckingAction, CheckActor, null, null, $"{Resource(RequestId)}:checking"))
            .Then(next.StatusIndex(Status));
    }

    /// <summary>Keeps the reason of a failed attempt (no transition); null when the request is no longer open.</summary>
    public Change<OnboardingRequest>? RecordFailure(string failure, long attempt, DateTimeOffset now)
        => OnboardingStatuses.IsOpen(Status)
            ? new Change<OnboardingRequest>(Next(now) with { LastFailure = Truncate(failure, 1000), FailedAttempts = (int)Math.Min(attempt, int.MaxValue) })
            : null;

    /// <summary><c>pending | checking → error</c> with a reason an operator can act on; null when already decided or failed.</summary>
    public Change<OnboardingRequest>? Fail(string reason, DateTimeOffset now)
    {
        if (!OnboardingStatuses.IsOpen(Status))
        {
            return null;
        }

        var next = Next(now) with { Status = OnboardingStatuses.Error, Error = Truncate(reason, 2000) };
        return new Change<OnboardingRequest>(next)
            .Then(Audit(next, FailedAction, CheckActor, null, new Dictionary<string, string> { ["reason"] = next.Error }, $"{Resource(RequestId)}:failed"))
            .Then(next.StatusIndex(Status));
    }

    /// <summary>Records an approving check before the app is registered (the request stays <c>checking</c>); null when one is recorded.</summary>
    public Change<OnboardingRequest>? RecordCheck(OnboardingCheck check, DateTimeOffset now)
        => Status == OnboardingStatuses.Checking && Check is null ? new Change<OnboardingRequest>(Next(now) with { Check = check }) : null;

    /// <summary>
    /// <c>checking → approved | changes_requested | rejected</c> by the check's result; null when the request is not
    /// being checked (a redelivered message after the decision: it never decides twice).
    /// </summary>
    public Change<OnboardingRequest>? Conclude(OnboardingCheck check, DateTimeOffset now)
    {
        if (Status != OnboardingStatuses.Checking)
        {
            return null;
        }

        var decision = OnboardingStatuses.Of(check.Outcome);
        var next = Next(now) with
        {
            Status = decision,
            Decision = decision,
            DecidedAt = Millis(now),
            Check = check,
            ProfileId = check.ProfileId,
            AppRegistered = decision == OnboardingStatuses.Approved,
        };
        var change = new Change<OnboardingRequest>(next)
            .Emit(next.DecidedEvent())
            .Then(next.DecidedWebhook())
            .Then(Audit(next, DecidedAction, CheckActor, PrimaryRule(check.Findings), new Dictionary<string, string>
            {
                ["decision"] = decision,
                ["clauseLibraryVersion"] = check.ClauseLibraryVersion,
                ["problems"] = next.Problems().Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, $"{Resource(RequestId)}:decided:{next.Version}"))
            .Then(next.StatusIndex(Status));
        return decision == OnboardingStatuses.Approved ? change.Then(next.Onboarded(recordTimeline: true)) : change;
    }

    /// <summary>The actor of the queue-triggered check and the re-check timer.</summary>
    public static AuditActor CheckActor { get; } = AuditActor.System("onboarding-check");

    /// <summary>The findings that are not satisfied (what a decision rests on).</summary>
    public IEnumerable<ClauseFinding> Problems() => (Check?.Findings ?? []).Where(f => f.Status != FindingStatus.Satisfied);

    private OnboardingRequest Next(DateTimeOffset now) => this with { Version = Version + 1, UpdatedAt = Millis(now) };

    private static string? PrimaryRule(IReadOnlyList<ClauseFinding> findings)
        => findings.FirstOrDefault(f => f.Status == FindingStatus.Rejected)?.RuleId ?? findings.FirstOrDefault(f => f.IsProblem || f.Status == FindingStatus.Unreadable)?.RuleId;

    private static FollowUp Audit(OnboardingRequest request, string action, AuditActor actor, string? rule, IReadOnlyDictionary<string, string>? details, string recordId)
        => AuditFollowUp.Of(new AuditRecord(actor, action, Resource(request.RequestId), request.Status, rule, details), recordId);

    /// <summary>Whole milliseconds: what the table gives back, so a repeated answer is byte for byte the first.</summary>
    private static DateTimeOffset Millis(DateTimeOffset now)
        => new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
