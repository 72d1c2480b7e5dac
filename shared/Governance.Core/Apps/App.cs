using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Apps;

/// <summary>Data of <c>governance.app.suspended</c>, exactly the fields the README documents.</summary>
public sealed record AppSuspendedData(string AppId, string? DeveloperId, string Reason, string? Rule, DateTimeOffset SuspendedAt);

/// <summary>
/// A third-party app as an aggregate: registered (by an operator, or by onboarding's approval), suspended and
/// reinstated. Its methods guard its transitions and return the change with what it owes: the audit entry,
/// the <c>governance.app.suspended</c> event, and the index row listing it under its developer.
/// <see cref="OperationId"/> names the operation that registered it, so a retried registration is recognised.
/// </summary>
public sealed record App(
    string AppId,
    string Name,
    string? DeveloperId,
    string Status,
    DateTimeOffset CreatedAt,
    string OperationId,
    long Version,
    string? SuspendedReason = null,
    DateTimeOffset? SuspendedAt = null)
{
    public const string RegisteredAction = "app.registered";
    public const string SuspendedAction = "app.suspended";
    public const string ReinstatedAction = "app.reinstated";
    public const string ReassessmentFlaggedAction = "app.reassessment_flagged";

    /// <summary>What the app declared about its data when onboarding approved it (null for apps an operator registered).</summary>
    public AppDataDeclaration? Data { get; init; }

    /// <summary>Why the app must be re-assessed (a raised classification, a new clause library, its interval), oldest first; empty when none is due.</summary>
    public IReadOnlyList<ReassessmentFlag> Reassessments { get; init; } = [];

    public AppRecord ToRecord() => new(AppId, Name, DeveloperId, Status, CreatedAt)
    {
        Data = Data,
        Reassessments = Reassessments,
    };

    public static Change<App> Register(string appId, string name, string? developerId, string operationId, AuditActor actor, DateTimeOffset now, string? rule = null, AppDataDeclaration? data = null)
    {
        // Whole milliseconds: what the table gives back, so a repeated registration answers exactly as the first.
        var createdAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var app = new App(appId, name, developerId, AppStatuses.Active, createdAt, operationId, 1) { Data = data };
        return new Change<App>(app)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, RegisteredAction, Resource(appId), AppStatuses.Active, rule), $"{Resource(appId)}:registered:{operationId}"))
            .Then(app.DeveloperIndex())
            .Then(app.CategoryIndex());
    }

    /// <summary>
    /// Flags the app for re-assessment for <paramref name="source"/> (e.g. <c>asset:{assetId}:important</c>,
    /// <c>clause-library:2026.2</c>): null — nothing to change — when a flag from that source is already open.
    /// </summary>
    public Change<App>? FlagForReassessment(string source, string reason, string? rule, AuditActor actor, DateTimeOffset now)
    {
        if (Reassessments.Any(r => string.Equals(r.Source, source, StringComparison.Ordinal)))
        {
            return null;
        }

        var next = this with { Reassessments = [.. Reassessments, new ReassessmentFlag(source, reason, rule, now)], Version = Version + 1 };
        return new Change<App>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, ReassessmentFlaggedAction, Resource(AppId), Status, rule,
                new Dictionary<string, string> { ["source"] = source, ["reason"] = reason }), $"{Resource(AppId)}:reassessment:{source}"));
    }

    /// <summary>Clears the open re-assessment flags (a new assessment, e.g. an approved resubmission, replaced them).</summary>
    public Change<App> ClearReassessments(AppDataDeclaration? data, AuditActor actor, DateTimeOffset now, string reason)
    {
        var next = this with { Reassessments = [], Data = data ?? Data, Version = Version + 1 };
        return new Change<App>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "app.reassessed", Resource(AppId), Status, null,
                new Dictionary<string, string> { ["reason"] = reason, ["at"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }), $"{Resource(AppId)}:reassessed:{next.Version}"))
            .Then(next.CategoryIndex());
    }

    public Change<App> Suspend(string reason, string? rule, AuditActor actor, DateTimeOffset now)
    {
        if (Status == AppStatuses.Suspended)
        {
            throw GovernanceProblem.Conflict($"App '{AppId}' is already suspended.");
        }

        var next = this with { Status = AppStatuses.Suspended, SuspendedReason = reason, SuspendedAt = now, Version = Version + 1 };
        return new Change<App>(next)
            .Emit(DomainEvent.Create(EventTypes.AppSuspended, EventSources.Apps, AppId, new AppSuspendedData(AppId, DeveloperId, reason, rule, now),
                now, subject: AppId, id: $"{AppId}:suspended:{next.Version}"))
            .Then(AuditFollowUp.Of(new AuditRecord(actor, SuspendedAction, Resource(AppId), AppStatuses.Suspended, rule, new Dictionary<string, string> { ["reason"] = reason }),
                $"{Resource(AppId)}:suspended:{next.Version}"))
            .Then(TimelineFollowUp.Of(TimelineKinds.AppSuspended, $"{AppId}:{next.Version}", now, new { appId = AppId, developerId = DeveloperId, reason, rule }))
            .Then(next.DeveloperIndex());
    }

    public Change<App> Reinstate(string reason, AuditActor actor, DateTimeOffset now)
    {
        if (Status != AppStatuses.Suspended)
        {
            throw GovernanceProblem.Conflict($"App '{AppId}' is {Status}; only a suspended app can be reinstated.");
        }

        var next = this with { Status = AppStatuses.Active, SuspendedReason = null, SuspendedAt = null, Version = Version + 1 };
        return new Change<App>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, ReinstatedAction, Resource(AppId), AppStatuses.Active, null, new Dictionary<string, string> { ["reason"] = reason }),
                $"{Resource(AppId)}:reinstated:{next.Version}"))
            .Then(next.DeveloperIndex());
    }

    public static string Resource(string appId) => "apps/" + appId;

    /// <summary>The rows listing the app under each data category it declared (<see cref="AppIndex.ByCategory"/>), so a reclassified asset finds its apps without a scan.</summary>
    private IEnumerable<FollowUp> CategoryIndex()
        => (Data?.Categories ?? []).Select(c => IndexFollowUp.Put(new IndexRow(TableNames.Apps, AppIndex.ByCategory(c.Name), AppIndex.RowPrefix + AppId, Version,
            Strings: new Dictionary<string, string> { ["Classification"] = c.Classification, ["Status"] = Status })));

    /// <summary>The row listing the app under its developer (<see cref="AppIndex.ByDeveloper"/>).</summary>
    private IEnumerable<FollowUp> DeveloperIndex()
        => DeveloperId is null
            ? []
            : [IndexFollowUp.Put(new IndexRow(TableNames.Apps, AppIndex.ByDeveloper(DeveloperId), AppIndex.RowPrefix + AppId, Version,
                Strings: new Dictionary<string, string> { ["Name"] = Name, ["Status"] = Status }))];
}

/// <summary>Index partitions of the <c>Apps</c> table (app rows are PartitionKey = app id, RowKey <c>app</c>).</summary>
public static class AppIndex
{
    public const string DeveloperPrefix = "developer|";
    public const string CategoryPrefix = "category|";

    /// <summary>Index rows' keys start with this, so no query for app rows (RowKey <c>app</c>) ever matches one.</summary>
    public const string RowPrefix = "app|";

    /// <summary>A developer's apps: one row per app (RowKey <c>app|{appId}</c>). App ids never contain '|', so this partition is never an app's.</summary>
    public static string ByDeveloper(string developerId) => DeveloperPrefix + TableKey.Escape(developerId);

    /// <summary>The apps that declared a data category of this name (case-insensitive, trimmed), one row per app.</summary>
    public static string ByCategory(string categoryName) => CategoryPrefix + TableKey.FromInput(categoryName.Trim().ToLowerInvariant());
}

/// <summary>App rows in the <c>Apps</c> table: PartitionKey = app id (restricted by <see cref="AppIds"/>), RowKey <c>app</c>.</summary>
public sealed class AppMap : JsonAggregateMap<App>
{
    public const string AppRowKey = "app";

    public override string Table => TableNames.Apps;

    public override string Name => "App";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => AppRowKey;

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(App state) =>
    [
        new("Name", state.Name),
        new("DeveloperId", state.DeveloperId),
        new("Status", state.Status),
        new("CreatedAt", state.CreatedAt),
    ];
}
