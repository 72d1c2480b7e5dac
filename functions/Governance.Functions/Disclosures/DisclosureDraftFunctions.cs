using Governance.Core.Disclosures;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Disclosures;

/// <summary>Staff API for drafts and publishing: operators write; operators and auditors read.</summary>
public sealed class DisclosureDraftFunctions(DisclosureDraftService drafts, DisclosurePublisher publisher, IdempotentPost idempotent, WriteCompletion completion)
{
    /// <summary>Content may be 1 MB of UTF-8; JSON escaping can make the body a few times larger.</summary>
    public const long BodyLimitBytes = 4 * 1024 * 1024;

    [Function("CreateDisclosureDraft")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Create a disclosure draft", IdempotencyKey = true)]
    [OpenApiBody(typeof(DisclosureDraftRequest))]
    [OpenApiResponse(201, typeof(DraftView))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "disclosures/{kind}/drafts")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        DisclosureKinds.Require(kind);
        return await idempotent.ExecuteJsonAsync<DisclosureDraftRequest>(req, "disclosure-draft-create", BodyLimitBytes, async (body, operationId, ct) =>
        {
            // The operation id is the draft id: a retry after a failure finds the draft instead of adding another.
            var created = await drafts.CreateAsync(kind, body, caller, operationId, ct);
            WithETag(req, created.Draft);
            return ApiResponse.Created(DraftView.From(created), $"/api/disclosures/{kind}/drafts/{created.Draft.DraftId}");
        }, cancellationToken);
    }

    [Function("ListDisclosureDrafts")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List the drafts of a kind")]
    [OpenApiResponse(200, typeof(DraftListView))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "disclosures/{kind}/drafts")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        var list = await drafts.ListAsync(kind, cancellationToken);
        return new OkObjectResult(new DraftListView(kind, list.Select(DraftSummaryView.From).ToList()));
    }

    [Function("GetDisclosureDraft")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read a draft", Description = "With its `ETag`, for `If-Match` on a change.")]
    [OpenApiResponse(200, typeof(DraftView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "disclosures/{kind}/drafts/{draftId}")] HttpRequest req,
        string kind,
        string draftId,
        CancellationToken cancellationToken)
    {
        var draft = await drafts.GetAsync(kind, draftId, cancellationToken);
        return WithETag(req, draft.Draft, new OkObjectResult(DraftView.From(draft)));
    }

    [Function("UpdateDisclosureDraft")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Change a draft", Description = "A published draft cannot change (409); `If-Match` guards against lost updates.", Problems = [409, 412])]
    [OpenApiBody(typeof(DisclosureDraftRequest))]
    [OpenApiResponse(200, typeof(DraftView))]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "disclosures/{kind}/drafts/{draftId}")] HttpRequest req,
        string kind,
        string draftId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        DisclosureKinds.Require(kind);
        var body = await RequestBody.ReadJsonAsync<DisclosureDraftRequest>(req, BodyLimitBytes, cancellationToken);
        var updated = await completion.RunAsync(ct => drafts.UpdateAsync(kind, draftId, body, req.Headers.IfMatch, caller, ct), cancellationToken);
        return WithETag(req, updated.Draft, new OkObjectResult(DraftView.From(updated)));
    }

    [Function("DeleteDisclosureDraft")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Delete a draft", Description = "A published draft cannot be deleted (409).", Problems = [409, 412])]
    [OpenApiResponse(204)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "disclosures/{kind}/drafts/{draftId}")] HttpRequest req,
        string kind,
        string draftId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        await completion.RunAsync(async ct =>
        {
            await drafts.DeleteAsync(kind, draftId, req.Headers.IfMatch, caller, ct);
            return true;
        }, cancellationToken);
        return new NoContentResult();
    }

    [Function("PublishDisclosureDraft")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Publish a draft", Description = "A 422 lists every unmet gate (notice period, large platform, algorithm transparency) with its rule and citation.", Problems = [409, 422], IdempotencyKey = true)]
    [OpenApiResponse(201, typeof(PublishResult))]
    public async Task<IActionResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "disclosures/{kind}/drafts/{draftId}/publish")] HttpRequest req,
        string kind,
        string draftId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteAsync(req, "disclosure-publish", ReadOnlyMemory<byte>.Empty, async (operationId, ct) =>
        {
            var result = await publisher.PublishAsync(kind, draftId, caller, operationId, ct);
            return ApiResponse.Created(result, $"/api/public/disclosures/{result.Kind}/versions/{result.Version}");
        }, cancellationToken);
    }

    private static IActionResult WithETag(HttpRequest req, DisclosureDraft draft, IActionResult result)
    {
        WithETag(req, draft);
        return result;
    }

    private static void WithETag(HttpRequest req, DisclosureDraft draft) => req.HttpContext.Response.Headers.ETag = draft.ETag;
}
