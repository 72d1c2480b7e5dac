using System.Globalization;
using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Compliance.Exports;

/// <summary>
/// One recorded cross-border transfer (an export approval) as an aggregate in its own partition of the
/// <c>Exports</c> table. Recording it owes its audit entry, its timeline fact and the index rows every list and
/// filter reads (all, status, recipient country, route, each asset) plus its due row for the expiry timer; each
/// later step (a flag, the expiry warning, expiry, deletion) moves those rows in the same commit.
/// </summary>
public sealed record ExportApproval(
    string ExportId,
    string Status,
    IReadOnlyList<string> AssetIds,
    IReadOnlyList<ExportedAsset> Assets,
    ExportRecipient? Recipient,
    string? Purpose,
    string? Route,
    string? Reference,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    DateTimeOffset RetainUntil,
    IReadOnlyList<string> AppliedRules,
    string Profile,
    string OperationId,
    long Version)
{
    public const string WarnItem = "warn";
    public const string ExpireItem = "expire";

    public IReadOnlyList<ReassessmentFlag> Flags { get; init; } = [];

    public bool ExpiryWarned { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public string? DeletedBy { get; init; }

    public long Individuals => Assets.Sum(a => a.Individuals);

    public static string Resource(string exportId) => "compliance/exports/" + exportId;

    public static Change<ExportApproval> Record(ExportApproval export, AuditActor actor)
    {
        var details = new Dictionary<string, string>
        {
            ["route"] = export.Route!,
            ["recipientCountry"] = export.Recipient!.Country,
            ["assetIds"] = string.Join(",", export.AssetIds),
            ["individuals"] = export.Individuals.ToString(CultureInfo.InvariantCulture),
            ["rules"] = string.Join(",", export.AppliedRules),
        };
        if (export.Reference is not null)
        {
            details["reference"] = export.Reference;
        }

        if (export.ExpiresAt is { } expires)
        {
            details["expiresAt"] = expires.ToString("O", CultureInfo.InvariantCulture);
        }

        var change = new Change<ExportApproval>(export)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "export.recorded", Resource(export.ExportId), export.Status, ComplianceRuleIds.ExportRecordRetention, details),
                $"{Resource(export.ExportId)}:recorded"))
            .Then(TimelineFollowUp.Of(TimelineKinds.ExportRecorded, export.ExportId, export.RecordedAt,
                new ExportFact(export.ExportId, export.Status, export.Route!, export.Recipient.Country, export.AssetIds.Count, export.Individuals, export.ExpiresAt)))
            .Then(export.ListIndex(put: true));
        return export.DueRow() is { } due ? change.Then(DueIndex.Put(TableNames.Exports, due.At, export.ExportId, due.Item, export.Version)) : change;
    }

    /// <summary>Flags the approval for re-assessment from <paramref name="source"/>: null when it is not in force or that flag is open.</summary>
    public Change<ExportApproval>? Flag(string source, string reason, string? rule, AuditActor actor, DateTimeOffset now)
    {
        if (Status != ExportStatuses.Approved || Flags.Any(f => f.Source == source))
        {
            return null;
        }

        var next = this with { Flags = [.. Flags, new ReassessmentFlag(source, reason, rule, now)], Version = Version + 1 };
        return new Change<ExportApproval>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "export.reassessment_flagged", Resource(ExportId), Status, rule,
                new Dictionary<string, string> { ["source"] = source, ["reason"] = reason }), $"{Resource(ExportId)}:flag:{source}"));
    }

    /// <summary>
    /// What the expiry timer does at <paramref name="now"/>: flags an approval whose expiry is within the warning
    /// window, expires one whose time is up, else nothing (null).
    /// </summary>
    public Change<ExportApproval>? Advance(DateTimeOffset now, PolicyProfile profile, AuditActor actor)
    {
        if (Status != ExportStatuses.Approved || ExpiresAt is not { } expires || DueRow() is not { } due)
        {
            return null;
        }

        if (expires <= now)
        {
            var expired = this with { Status = ExportStatuses.Expired, Version = Version + 1 };
            return new Change<ExportApproval>(expired)
                .Then(AuditFollowUp.Of(new AuditRecord(actor, "export.expired", Resource(ExportId), ExportStatuses.Expired, ComplianceRuleIds.ExportAssessmentValidity,
                    new Dictionary<string, string> { ["expiresAt"] = expires.ToString("O", CultureInfo.InvariantCulture) }), $"{Resource(ExportId)}:expired"))
                .Then(DueIndex.Delete(TableNames.Exports, due.At, ExportId, due.Item, expired.Version))
                .Then(ComplianceIndex.Delete(TableNames.Exports, ExportIndex.Status(ExportStatuses.Approved), RecordedAt, ExportId, expired.Version))
                .Then(ComplianceIndex.Put(TableNames.Exports, ExportIndex.Status(ExportStatuses.Expired), RecordedAt, ExportId, expired.Version));
        }

        if (ExpiryWarned || WarnAt > now)
        {
            return null;
        }

        var rule = profile.Rule(ComplianceRuleIds.ExportExpiryWarning);
        var days = profile.Compliance.Exports.ExpiryWarningDays;
        var source = "expiry:" + expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var reason = $"The approval expires at {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, within {days} days: renew it (a new or extended assessment, certification or contract) or stop the transfer by then.";
        var warned = this with { ExpiryWarned = true, Flags = [.. Flags.Where(f => f.Source != source), new ReassessmentFlag(source, reason, rule.Id, now)], Version = Version + 1 };
        return new Change<ExportApproval>(warned)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "export.expiry_flagged", Resource(ExportId), Status, rule.Id,
                new Dictionary<string, string> { ["expiresAt"] = expires.ToString("O", CultureInfo.InvariantCulture) }), $"{Resource(ExportId)}:expiry-flagged"))
            .Then(DueIndex.Delete(TableNames.Exports, due.At, ExportId, due.Item, warned.Version))
            .Then(DueIndex.Put(TableNames.Exports, expires, ExportId, ExpireItem, warned.Version));
    }

    /// <summary>
    /// Deletes the record once its retention period is over: the content goes, a tombstone (id, dates, who) stays,
    /// the audit entries stay (the log is append-only and hash-chained). Before then, a 409 citing the rule.
    /// Deleting a deleted record changes nothing.
    /// </summary>
    public Change<ExportApproval>? Delete(DateTimeOffset now, PolicyProfile profile, AuditActor actor)
    {
        if (Status == ExportStatuses.Deleted)
        {
            return null;
        }

        var rule = profile.Rule(ComplianceRuleIds.ExportRecordRetention);
        if (now < RetainUntil)
        {
            var message = $"Export {ExportId} and its audit entries must be kept until {RetainUntil.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} "
                + $"({profile.Compliance.Exports.RecordRetentionYears} years after it was recorded or, if later, after its approval expires); it cannot be deleted before. "
                + $"Rule {rule.Id}: {rule.Title} ({rule.Citation}).";
            throw new GovernanceProblem(409, "Conflict", message, new Dictionary<string, string[]> { [rule.Id] = [message] });
        }

        var tombstone = this with
        {
            Status = ExportStatuses.Deleted,
            AssetIds = [],
            Assets = [],
            Recipient = null,
            Purpose = null,
            Reference = null,
            Flags = [],
            DeletedAt = now,
            DeletedBy = actor.Id,
            Version = Version + 1,
        };
        var change = new Change<ExportApproval>(tombstone)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "export.deleted", Resource(ExportId), ExportStatuses.Deleted, rule.Id,
                new Dictionary<string, string> { ["retainUntil"] = RetainUntil.ToString("O", CultureInfo.InvariantCulture) }), $"{Resource(ExportId)}:deleted"))
            .Then(ListIndex(put: false, tombstone.Version))
            .Then(ComplianceIndex.Put(TableNames.Exports, ExportIndex.Status(ExportStatuses.Deleted), RecordedAt, ExportId, tombstone.Version));
        return DueRow() is { } due ? change.Then(DueIndex.Delete(TableNames.Exports, due.At, ExportId, due.Item, tombstone.Version)) : change;
    }

    public ExportView ToView(PolicyProfile profile) => new(ExportId, Status, AssetIds, Recipient, Purpose, Route, Reference, ExpiresAt, RecordedAt, RecordedBy, RetainUntil, Profile)
    {
        Assets = Assets,
        Individuals = Individuals,
        Rules = AppliedRules.Where(profile.HasRule).Select(profile.Rule).ToList(),
        Flags = Flags,
        DeletedAt = DeletedAt,
        DeletedBy = DeletedBy,
    };

    /// <summary>The due row the expiry timer will find: the warning until it is given, then the expiry; none once not in force.</summary>
    private (DateTimeOffset At, string Item)? DueRow()
        => Status != ExportStatuses.Approved || ExpiresAt is not { } expires || WarnAt is not { } warn ? null
            : ExpiryWarned ? (expires, ExpireItem) : (warn, WarnItem);

    /// <summary>The list rows (all, status, country, route, assets): put when recorded, removed when deleted.</summary>
    private IEnumerable<FollowUp> ListIndex(bool put, long? version = null)
    {
        var v = version ?? Version;
        var partitions = new List<string> { ExportIndex.All, ExportIndex.Status(Status), ExportIndex.Country(Recipient!.Country), ExportIndex.Route(Route!) };
        partitions.AddRange(AssetIds.Select(ExportIndex.Asset));
        return partitions.Select(p => put ? ComplianceIndex.Put(TableNames.Exports, p, RecordedAt, ExportId, v) : ComplianceIndex.Delete(TableNames.Exports, p, RecordedAt, ExportId, v));
    }
}

/// <summary>The fact an export leaves on the timeline (no names: ids, counts, country, route).</summary>
public sealed record ExportFact(string ExportId, string Status, string Route, string RecipientCountry, int Assets, long Individuals, DateTimeOffset? ExpiresAt);

/// <summary>The index partitions of the <c>Exports</c> table.</summary>
public static class ExportIndex
{
    public static string All => ComplianceIndex.Partition("all");

    public static string Status(string status) => ComplianceIndex.Partition("status", status);

    public static string Country(string country) => ComplianceIndex.Partition("country", country);

    public static string Route(string route) => ComplianceIndex.Partition("route", route);

    public static string Asset(string assetId) => ComplianceIndex.Partition("asset", assetId);
}

/// <summary>Export rows: PartitionKey = export id, RowKey <c>export</c>.</summary>
public sealed class ExportApprovalMap : JsonAggregateMap<ExportApproval>
{
    public override string Table => TableNames.Exports;

    public override string Name => "Export";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => "export";

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(ExportApproval state) =>
    [
        new("Status", state.Status),
        new("Route", state.Route),
        new("RecipientCountry", state.Recipient?.Country),
        new("RecordedAt", state.RecordedAt),
        new("ExpiresAt", state.ExpiresAt),
    ];
}
