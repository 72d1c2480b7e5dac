using Governance.Core.Audit;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Compliance;

/// <summary>The data catalog: assets with their classification, personal information and location, and the catalog's running totals.</summary>
public sealed class DataAssetFunctions(DataCatalogService catalog, IdempotentPost idempotent, WriteCompletion completion)
{
    private const int BodyLimit = 64 * 1024;

    [Function("CreateDataAsset")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Register a data asset", Description = "Adds an asset to the data catalog (names are unique, compared trimmed and case-insensitively: 409 otherwise) and updates the catalog's running totals in the same transaction.", Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(DataAssetRequest))]
    [OpenApiResponse(201, typeof(DataAssetView))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "data-assets")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<DataAssetRequest>(req, "data-asset-create", BodyLimit, async (body, operationId, ct) =>
        {
            var asset = await catalog.CreateAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(asset, $"/api/data-assets/{asset.AssetId}");
        }, cancellationToken);
    }

    [Function("ListDataAssets")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List the data catalog", Description = "One page of assets with the catalog's running totals (important or core data held, individuals whose personal information is held).")]
    [OpenApiQuery("pageSize", "Assets per page (default 50, at most 200).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(DataAssetPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "data-assets")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(await catalog.ListAsync(ComplianceQuery.Token(req), ComplianceQuery.PageSize(req), cancellationToken));

    [Function("GetDataAsset")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read a data asset")]
    [OpenApiResponse(200, typeof(DataAssetView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "data-assets/{assetId}")] HttpRequest req,
        string assetId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await catalog.GetAsync(assetId, cancellationToken));

    [Function("UpdateDataAsset")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Replace a data asset", Description = "Every field as in the registration. Raising the classification (general → important → core) flags every active app and approved export that covers the asset for re-assessment.", Problems = [409])]
    [OpenApiBody(typeof(DataAssetRequest))]
    [OpenApiResponse(200, typeof(DataAssetView))]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "data-assets/{assetId}")] HttpRequest req,
        string assetId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<DataAssetRequest>(req, BodyLimit, cancellationToken);
        var asset = await completion.RunAsync(ct => catalog.UpdateAsync(assetId, body, AuditActor.From(req.Caller(), StaffRoles.Operator), ct), cancellationToken);
        return new OkObjectResult(asset);
    }
}
