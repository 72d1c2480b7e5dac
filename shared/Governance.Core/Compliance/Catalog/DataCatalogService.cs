using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Onboarding;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Compliance.Catalog;

/// <summary>
/// The data catalog: registers, revises and reads assets through the one <see cref="DataCatalog"/> aggregate, and
/// answers what other records need from it (assets by id, the running totals) with point reads.
/// </summary>
public sealed class DataCatalogService(AggregateStore<DataCatalog> store, TableServiceClient tables, TimeProvider time)
{
    public const int MaxPageSize = 200;
    public const int MaxSensitiveCategories = 50;
    public const int MaxCategoryLength = 100;
    public const long MaxIndividuals = 100_000_000_000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.DataCatalog);

    /// <summary>
    /// Registers an asset as operation <paramref name="operationId"/>: its id derives from the operation, so a retry
    /// finds the asset the first attempt stored and answers it again. A name another asset has is a 409.
    /// </summary>
    public async Task<DataAssetView> CreateAsync(DataAssetRequest request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
    {
        var assetId = ComplianceIds.For(ComplianceIds.AssetPrefix, operationId);
        var now = time.GetUtcNow();
        var asset = Validate(request, assetId, actor, now, operationId, previous: null);
        await EnsureCatalogAsync(cancellationToken);
        DataAsset? answer = null;
        await store.UpdateAsync(DataCatalog.Id, async (catalog, ct) =>
        {
            if (await FindAsync(assetId, ct) is { } existing)
            {
                answer = existing;
                return null;
            }

            await RequireFreeNameAsync(asset, ct);
            answer = asset;
            return catalog.Add(asset, actor);
        }, NoCatalog, cancellationToken);
        return answer!.ToView();
    }

    /// <summary>Replaces every field of the asset; raising its classification flags what covers it (see <see cref="ReclassificationHandler"/>).</summary>
    public async Task<DataAssetView> UpdateAsync(string assetId, DataAssetRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!ComplianceIds.Is(assetId, ComplianceIds.AssetPrefix))
        {
            throw NotFound(assetId);
        }

        await EnsureCatalogAsync(cancellationToken);
        DataAsset? answer = null;
        await store.UpdateAsync(DataCatalog.Id, async (catalog, ct) =>
        {
            // Read after the summary row: every asset change moves that row's ETag, so a concurrent change makes this commit fail and re-decide.
            var current = await FindAsync(assetId, ct) ?? throw NotFound(assetId);
            var next = Validate(request, assetId, actor, time.GetUtcNow(), current.OperationId, current);
            if (current.NameKey != next.NameKey)
            {
                await RequireFreeNameAsync(next, ct);
            }

            var change = catalog.Revise(current, next, actor);
            answer = change is null ? current : next;
            return change;
        }, NoCatalog, cancellationToken);
        return answer!.ToView();
    }

    public async Task<DataAssetView> GetAsync(string assetId, CancellationToken cancellationToken = default)
        => (await FindAsync(assetId, cancellationToken) ?? throw NotFound(assetId)).ToView();

    /// <summary>The asset, or null (an id of another form is simply not found).</summary>
    public async Task<DataAsset?> FindAsync(string assetId, CancellationToken cancellationToken = default)
    {
        if (!ComplianceIds.Is(assetId, ComplianceIds.AssetPrefix))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(DataCatalog.Id, DataCatalogMap.AssetRowKey(assetId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? DataCatalogMap.AssetFrom(row.Value) : null;
    }

    /// <summary>
    /// The assets named by <paramref name="assetIds"/> (point reads); an id that names none is a 400 on
    /// <c>{field}[i]</c>: the request refers to something the catalog does not hold.
    /// </summary>
    public async Task<IReadOnlyList<DataAsset>> RequireAsync(IReadOnlyList<string> assetIds, string field, CancellationToken cancellationToken = default)
    {
        var found = await Task.WhenAll(assetIds.Select(id => FindAsync(id, cancellationToken)));
        var errors = new ValidationErrors();
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is null)
            {
                errors.Add($"{field}[{i}]", "is not an asset of the data catalog.");
            }
        }

        errors.ThrowIfAny();
        return found.Select(a => a!).ToList();
    }

    /// <summary>The running totals (one point read of the summary row).</summary>
    public async Task<CatalogTotals> TotalsAsync(CancellationToken cancellationToken = default)
        => (await store.FindAsync(DataCatalog.Id, cancellationToken))?.State.Totals ?? CatalogTotals.Empty;

    public async Task<DataAssetPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var low = DataCatalogMap.AssetPrefix;
        var high = DataCatalogMap.AssetPrefix + "~";
        var (assets, next) = await PageTokens.QueryAsync<(IReadOnlyList<DataAssetView>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == DataCatalog.Id && e.RowKey.CompareTo(low) > 0 && e.RowKey.CompareTo(high) < 0, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return (page.Values.Select(r => DataCatalogMap.AssetFrom(r).ToView()).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
        return new DataAssetPage(assets, next, await TotalsAsync(cancellationToken));
    }

    private async Task EnsureCatalogAsync(CancellationToken cancellationToken)
    {
        if (await store.FindAsync(DataCatalog.Id, cancellationToken) is null)
        {
            await store.CreateAsync(DataCatalog.Id, new Change<DataCatalog>(DataCatalog.Empty), cancellationToken);
        }
    }

    private async Task RequireFreeNameAsync(DataAsset asset, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(DataCatalog.Id, DataCatalogMap.NameRowKey(asset.NameKey), cancellationToken: cancellationToken);
        if (row.HasValue && row.Value?.GetString("AssetId") is { } owner && owner != asset.AssetId)
        {
            throw GovernanceProblem.Conflict($"The catalog already has an asset named '{asset.Name}' ({owner}); asset names are unique (compared trimmed and case-insensitively).");
        }
    }

    private static DataAsset Validate(DataAssetRequest? request, string assetId, AuditActor actor, DateTimeOffset now, string operationId, DataAsset? previous)
    {
        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object describing the data asset is required.");
        }

        var errors = new ValidationErrors()
            .Line("name", request.Name)
            .Line("owner", request.Owner)
            .Text("description", request.Description, required: false)
            .OneOf("classification", request.Classification, DataClassifications.All)
            .Country("location", request.Location);
        if (request.PersonalInformation is { } pi && pi.Individuals is not (>= 1 and <= MaxIndividuals))
        {
            errors.Add("personalInformation.individuals", $"is required when personalInformation is given: a whole number from 1 to {MaxIndividuals}.");
        }

        var categories = request.SensitiveCategories ?? [];
        if (categories.Count > MaxSensitiveCategories)
        {
            errors.Add("sensitiveCategories", $"must list at most {MaxSensitiveCategories}.");
        }

        for (var i = 0; i < Math.Min(categories.Count, MaxSensitiveCategories); i++)
        {
            errors.Line($"sensitiveCategories[{i}]", categories[i], MaxCategoryLength);
            if (categories.Take(i).Any(c => string.Equals(c?.Trim(), categories[i]?.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"sensitiveCategories[{i}]", "is listed twice.");
            }
        }

        if (categories.Count > 0 && request.PersonalInformation is null)
        {
            errors.Add("sensitiveCategories", "lists sensitive personal information, so personalInformation (how many individuals) is required.");
        }

        errors.ThrowIfAny();
        var at = ComplianceInput.ToMillisecond(now);
        return new DataAsset(
            assetId,
            request.Name!.Trim(),
            request.Owner!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            request.Classification!,
            request.PersonalInformation is { Individuals: { } n } ? new PersonalInformation(n) : null,
            categories.Select(c => c!.Trim()).ToList(),
            request.Location!,
            previous?.CreatedAt ?? at,
            previous?.CreatedBy ?? actor.Id,
            at,
            actor.Id,
            operationId,
            (previous?.Version ?? 0) + 1);
    }

    private static GovernanceProblem NotFound(string assetId) => GovernanceProblem.NotFound($"No data asset with id '{assetId}'.");

    private static InvalidOperationException NoCatalog() => new("The data catalog's summary row is missing right after it was created.");
}
