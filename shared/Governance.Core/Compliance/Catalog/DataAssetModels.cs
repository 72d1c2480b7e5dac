namespace Governance.Core.Compliance.Catalog;

/// <summary>Body of <c>POST /api/data-assets</c> and <c>PUT /api/data-assets/{assetId}</c> (a PUT replaces every field).</summary>
public sealed record DataAssetRequest(
    string? Name,
    string? Owner,
    string? Description,
    string? Classification,
    PersonalInformationRequest? PersonalInformation,
    IReadOnlyList<string?>? SensitiveCategories,
    string? Location);

/// <summary>Whose personal information the asset holds: how many individuals (null when it holds none).</summary>
public sealed record PersonalInformationRequest(long? Individuals);

/// <summary>How many individuals' personal information an asset holds.</summary>
public sealed record PersonalInformation(long Individuals);

/// <summary>A data asset as the API shows it.</summary>
public sealed record DataAssetView(
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
    long Version);

/// <summary>
/// The catalog's running totals, kept in the catalog's summary row and changed in the same table transaction as
/// the asset that changes them: what filings and export rules read instead of scanning the assets.
/// <see cref="PersonalInformationIndividuals"/> sums the individuals over assets, so it is an upper bound of the
/// distinct people (one person may be in several assets): the duties it decides are decided conservatively.
/// </summary>
public sealed record CatalogTotals(
    long Assets,
    long General,
    long Important,
    long Core,
    long PersonalInformationAssets,
    long PersonalInformationIndividuals,
    long SensitiveAssets,
    long SensitiveIndividuals)
{
    public static CatalogTotals Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Important or core data is held (core data is important data under stricter management).</summary>
    public bool ImportantDataHeld => Important + Core > 0;

    public bool PersonalInformationHeld => PersonalInformationIndividuals > 0;

    public CatalogTotals Plus(DataAsset asset) => Add(asset, 1);

    public CatalogTotals Minus(DataAsset asset) => Add(asset, -1);

    private CatalogTotals Add(DataAsset a, int sign) => new(
        Assets + sign,
        General + (a.Classification == Onboarding.DataClassifications.General ? sign : 0),
        Important + (a.Classification == Onboarding.DataClassifications.Important ? sign : 0),
        Core + (a.Classification == Onboarding.DataClassifications.Core ? sign : 0),
        PersonalInformationAssets + (a.PersonalInformation is null ? 0 : sign),
        PersonalInformationIndividuals + (sign * a.Individuals),
        SensitiveAssets + (a.IsSensitive ? sign : 0),
        SensitiveIndividuals + (a.IsSensitive ? sign * a.Individuals : 0));
}

/// <summary>One page of the catalog, with its running totals.</summary>
public sealed record DataAssetPage(IReadOnlyList<DataAssetView> Assets, string? ContinuationToken, CatalogTotals Totals);
