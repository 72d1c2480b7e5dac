using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Json;
using Governance.Core.Storage;

namespace Governance.Core.Compliance.Catalog;

/// <summary>
/// The data catalog as one aggregate: its state is the summary row (running totals and version), its assets are
/// child rows of the same partition, with one row per asset name to keep names unique. Adding or revising an asset
/// commits the asset row, the name rows and the new totals in one table transaction, conditioned on the summary
/// row's ETag, so the totals never disagree with the assets and no reader ever sums the assets.
/// <para>
/// Why one partition: a table transaction cannot span partitions, and only a transaction makes the totals exact
/// without a scan or an eventually consistent recount. The price is that catalog writes are serialised on the
/// summary row (a lost race re-decides under <see cref="Storage.ConflictRetry"/>); a data catalog changes at the
/// pace of people registering and reclassifying assets, far below what one partition serves.
/// </para>
/// </summary>
public sealed record DataCatalog(long Version, CatalogTotals Totals, DateTimeOffset? UpdatedAt)
{
    public const string Id = "catalog";
    public const string AddedAction = "data_asset.registered";
    public const string RevisedAction = "data_asset.updated";

    public static DataCatalog Empty { get; } = new(0, CatalogTotals.Empty, null);

    /// <summary>Adds <paramref name="asset"/> (its name must be free: the service checks the name row).</summary>
    public Change<DataCatalog> Add(DataAsset asset, AuditActor actor)
    {
        var next = this with { Version = Version + 1, Totals = Totals.Plus(asset), UpdatedAt = asset.CreatedAt };
        return new Change<DataCatalog>(next)
            .With(new AssetRow(asset), new NameClaim(asset.NameKey, asset.AssetId))
            .Then(AuditFollowUp.Of(new AuditRecord(actor, AddedAction, DataAsset.Resource(asset.AssetId), asset.Classification, ComplianceRuleIds.DataClassification, Details(asset)),
                $"{DataAsset.Resource(asset.AssetId)}:registered"));
    }

    /// <summary>
    /// Replaces <paramref name="current"/> by <paramref name="next"/>: null when nothing changes. Raising the
    /// classification owes the <see cref="ReclassificationFollowUp"/>, which flags what covers the asset.
    /// </summary>
    public Change<DataCatalog>? Revise(DataAsset current, DataAsset next, AuditActor actor)
    {
        if (current.SameContentAs(next))
        {
            return null;
        }

        var catalog = this with { Version = Version + 1, Totals = Totals.Minus(current).Plus(next), UpdatedAt = next.UpdatedAt };
        var change = new Change<DataCatalog>(catalog).With(new AssetRow(next));
        if (current.NameKey != next.NameKey)
        {
            change = change.With(new NameRelease(current.NameKey), new NameClaim(next.NameKey, next.AssetId));
        }

        var details = Details(next);
        details["previousClassification"] = current.Classification;
        change = change.Then(AuditFollowUp.Of(
            new AuditRecord(actor, RevisedAction, DataAsset.Resource(next.AssetId), next.Classification,
                current.IsRaisedBy(next) ? ComplianceRuleIds.DataReclassification : ComplianceRuleIds.DataClassification, details),
            $"{DataAsset.Resource(next.AssetId)}:updated:{next.Version}"));
        return current.IsRaisedBy(next)
            ? change.Then(ReclassificationFollowUp.Of(new Reclassification(next.AssetId, next.Name, current.Classification, next.Classification, next.Version, actor, next.UpdatedAt)))
            : change;
    }

    private static Dictionary<string, string> Details(DataAsset asset) => new()
    {
        ["name"] = asset.Name,
        ["classification"] = asset.Classification,
        ["individuals"] = asset.Individuals.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["location"] = asset.Location,
    };
}

/// <summary>An asset's row (RowKey <c>asset|{assetId}</c>), written whole.</summary>
public sealed record AssetRow(DataAsset Asset);

/// <summary>The row reserving a name (RowKey <c>name|{key}</c>) for an asset.</summary>
public sealed record NameClaim(string NameKey, string AssetId);

/// <summary>Frees a name the asset no longer has.</summary>
public sealed record NameRelease(string NameKey);

/// <summary>Rows of the <c>DataCatalog</c> table: one partition, the summary row and the asset and name rows.</summary>
public sealed class DataCatalogMap : JsonAggregateMap<DataCatalog>
{
    public const string SummaryRowKey = "summary";
    public const string AssetPrefix = "asset|";
    public const string NamePrefix = "name|";
    private const string AssetColumn = "Asset";

    public override string Table => TableNames.DataCatalog;

    public override string Name => "Data catalog";

    public override string PartitionKey(string id) => DataCatalog.Id;

    public override string RowKey(string id) => SummaryRowKey;

    public static string AssetRowKey(string assetId) => AssetPrefix + assetId;

    public static string NameRowKey(string nameKey) => NamePrefix + TableKey.FromInput(nameKey);

    public override TableTransactionAction ChildAction(string id, object child) => child switch
    {
        AssetRow row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(DataCatalog.Id, AssetRowKey(row.Asset.AssetId))
        {
            [AssetColumn] = JsonSerializer.Serialize(row.Asset, GovernanceJson.Options),
            ["Name"] = row.Asset.Name,
            ["Classification"] = row.Asset.Classification,
        }),
        NameClaim claim => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(DataCatalog.Id, NameRowKey(claim.NameKey))
        {
            ["AssetId"] = claim.AssetId,
        }),
        NameRelease release => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(DataCatalog.Id, NameRowKey(release.NameKey)), Azure.ETag.All),
        _ => base.ChildAction(id, child),
    };

    public static DataAsset AssetFrom(TableEntity row)
        => JsonSerializer.Deserialize<DataAsset>(row.GetString(AssetColumn) ?? "null", GovernanceJson.Options)
            ?? throw new InvalidOperationException($"Asset row '{row.RowKey}' holds no asset.");

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(DataCatalog state) =>
    [
        new("Assets", state.Totals.Assets),
        new("PersonalInformationIndividuals", state.Totals.PersonalInformationIndividuals),
    ];
}
