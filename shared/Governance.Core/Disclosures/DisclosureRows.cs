using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Disclosures;

/// <summary>
/// Row keys and entity mapping of the <c>Disclosures</c> table. PartitionKey = kind; RowKeys: <c>counter</c>,
/// <c>draft|{draftId}</c>, <c>version|{10-digit number}</c> (so a range query returns versions in order). Keys
/// starting with <c>outbox|</c> are left to the events outbox.
/// </summary>
public static class DisclosureRows
{
    public const string CounterRowKey = "counter";
    public const string DraftPrefix = "draft|";
    public const string VersionPrefix = "version|";

    /// <summary>'}' sorts right after '|': [prefix, RangeEnd(prefix)) is exactly the rows with that prefix.</summary>
    public static string RangeEnd(string prefix) => prefix[..^1] + "}";

    public static string DraftRowKey(string draftId) => DraftPrefix + draftId;

    public static string VersionRowKey(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity Counter(string kind, int lastVersion) => new(kind, CounterRowKey) { ["LastVersion"] = lastVersion };

    public static TableEntity ToEntity(DisclosureDraft draft)
    {
        var entity = new TableEntity(draft.Kind, DraftRowKey(draft.DraftId))
        {
            ["DraftId"] = draft.DraftId,
            ["Status"] = draft.Status,
            ["ContentSha256"] = draft.ContentSha256,
            ["ContentLength"] = draft.ContentLength,
            ["CreatedAt"] = draft.CreatedAt,
            ["CreatedBy"] = draft.CreatedBy,
            ["UpdatedAt"] = draft.UpdatedAt,
            ["UpdatedBy"] = draft.UpdatedBy,
            ["PublishedVersion"] = draft.PublishedVersion,
            ["PublishOperationId"] = draft.PublishOperationId,
        };
        WriteMetadata(entity, draft.Metadata);
        if (draft.ETag is not null)
        {
            entity.ETag = new ETag(draft.ETag);
        }

        return entity;
    }

    public static DisclosureDraft ToDraft(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("DraftId"),
        e.GetString("Status"),
        ReadMetadata(e),
        e.GetString("ContentSha256"),
        e.GetInt64("ContentLength") ?? 0,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetString("CreatedBy"),
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetString("UpdatedBy"),
        e.GetInt32("PublishedVersion"),
        e.ETag.ToString(),
        e.GetString("PublishOperationId"));

    public static TableEntity ToEntity(DisclosureVersion version)
    {
        var entity = new TableEntity(version.Kind, VersionRowKey(version.Version))
        {
            ["Version"] = version.Version,
            ["ContentSha256"] = version.Sha256,
            ["ContentLength"] = version.ContentLength,
            ["PublishedAt"] = version.PublishedAt,
            ["PublishedBy"] = version.PublishedBy,
            ["DraftId"] = version.DraftId,
            ["Profile"] = version.Profile,
        };
        WriteMetadata(entity, version.Metadata);
        WriteState(entity, version);
        return entity;
    }

    /// <summary>Only the properties a version may change after publishing.</summary>
    public static TableEntity ToStateEntity(DisclosureVersion version)
    {
        var entity = new TableEntity(version.Kind, VersionRowKey(version.Version));
        WriteState(entity, version);
        return entity;
    }

    public static DisclosureVersion ToVersion(TableEntity e) => new(
        e.PartitionKey,
        e.GetInt32("Version") ?? 0,
        ReadMetadata(e),
        e.GetString("ContentSha256"),
        e.GetInt64("ContentLength") ?? 0,
        e.GetDateTimeOffset("PublishedAt") ?? default,
        e.GetString("PublishedBy"),
        e.GetString("DraftId"),
        e.GetString("Profile"),
        e.GetString("Status"),
        e.GetDateTimeOffset("ActivatedAt"),
        e.GetBoolean("PublishAuditPending") ?? false,
        e.GetBoolean("ActivationAuditPending") ?? false,
        e.ETag.ToString());

    private static void WriteState(TableEntity entity, DisclosureVersion version)
    {
        entity["Status"] = version.Status;
        entity["ActivatedAt"] = version.ActivatedAt;
        entity["PublishAuditPending"] = version.PublishAuditPending;
        entity["ActivationAuditPending"] = version.ActivationAuditPending;
    }

    private static void WriteMetadata(TableEntity entity, DisclosureMetadata m)
    {
        entity["Title"] = m.Title;
        entity["FormulationProcedure"] = m.FormulationProcedure;
        entity["AdjudicationProcedure"] = m.AdjudicationProcedure;
        entity["ChangeSummary"] = m.ChangeSummary;
        entity["EffectiveFrom"] = m.EffectiveFrom;
        entity["SignificantImpact"] = m.SignificantImpact;
        entity["Assessment"] = m.Assessment is null ? null : DisclosureRowJson.Serialize(m.Assessment);
        entity["Filing"] = m.Filing is null ? null : DisclosureRowJson.Serialize(m.Filing);
        entity["Algorithm"] = m.Algorithm is null ? null : DisclosureRowJson.Serialize(m.Algorithm);
        entity["Language"] = m.Language;
    }

    private static DisclosureMetadata ReadMetadata(TableEntity e) => new(
        e.GetString("Title"),
        e.GetString("FormulationProcedure"),
        e.GetString("AdjudicationProcedure"),
        e.GetString("ChangeSummary"),
        e.GetDateTimeOffset("EffectiveFrom") ?? default,
        e.GetBoolean("SignificantImpact") ?? false,
        DisclosureRowJson.Deserialize<Assessment>(e.GetString("Assessment")),
        DisclosureRowJson.Deserialize<Filing>(e.GetString("Filing")),
        DisclosureRowJson.Deserialize<AlgorithmDisclosure>(e.GetString("Algorithm")),
        e.GetString("Language"));
}
