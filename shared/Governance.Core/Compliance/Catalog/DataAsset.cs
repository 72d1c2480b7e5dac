using Governance.Core.Onboarding;

namespace Governance.Core.Compliance.Catalog;

/// <summary>
/// One data asset of the catalog: what it is, who owns it, its classification (general → important → core), whose
/// personal information it holds and where it is stored. Assets live as child rows of the <see cref="DataCatalog"/>
/// aggregate (one partition), which keeps the running totals; an asset's own methods say what a revision of it is.
/// </summary>
public sealed record DataAsset(
    string AssetId,
    string Name,
    string Owner,
    string? Description,
    string Classification,
    PersonalInformation? PersonalInformation,
    IReadOnlyList<string> SensitiveCategories,
    string Location,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string OperationId,
    long Version)
{
    public long Individuals => PersonalInformation?.Individuals ?? 0;

    public bool IsSensitive => SensitiveCategories.Count > 0;

    /// <summary>
    /// The key an asset's name is unique under, and under which an app "covers" the asset: trimmed and lower-cased,
    /// as <see cref="Apps.AppIndex.ByCategory"/> keys the data categories apps declared.
    /// </summary>
    public string NameKey => Key(Name);

    public static string Key(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Whether <paramref name="next"/> raises the classification (general → important → core).</summary>
    public bool IsRaisedBy(DataAsset next) => Rank(next.Classification) > Rank(Classification);

    public static int Rank(string classification) => DataClassifications.All.ToList().IndexOf(classification);

    public DataAssetView ToView() => new(AssetId, Name, Owner, Description, Classification, PersonalInformation, SensitiveCategories, Location,
        CreatedAt, CreatedBy, UpdatedAt, UpdatedBy, Version);

    /// <summary>Whether a revision would change nothing (a repeated PUT).</summary>
    public bool SameContentAs(DataAsset other)
        => Name == other.Name && Owner == other.Owner && Description == other.Description && Classification == other.Classification
            && PersonalInformation == other.PersonalInformation && SensitiveCategories.SequenceEqual(other.SensitiveCategories) && Location == other.Location;

    public static string Resource(string assetId) => "compliance/data-assets/" + assetId;
}
