using Governance.Core.Claims;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimWebhookFunction(ClaimIntakeService intake, IdempotentPost idempotent)
{
    /// <summary>Names the intake at the idempotency edge: deliveries are keyed by <c>webhook-id</c> within the claims source.</summary>
    public const string Operation = "claims-webhook";

    [Function("ClaimWebhook")]
    [Access(Callers.Webhook, WebhookSource = ClaimIntakeService.WebhookSource, BodyLimit = ClaimIntakeService.MaxBodyBytes)]
    [OpenApiOperation("File a claim (signed webhook)", Description = "Stores and queues the claim once per `webhook-id`: a repeat gets the first response, the same id with another body a 422. Another delivery of the same claim is a 200 naming it in `duplicateOf`.", Problems = [409, 422])]
    [OpenApiBody(typeof(ClaimWebhook))]
    [OpenApiResponse(202, typeof(ClaimIntakeResponse), Description = "Stored and queued; `statusUrl` and `statusToken` let the user follow it.")]
    [OpenApiResponse(200, typeof(ClaimIntakeResponse), Description = "The same claim was filed before (`duplicateOf`).")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/claims")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadBytesAsync(req, ClaimIntakeService.MaxBodyBytes, requireJson: true, cancellationToken);
        var webhook = RequestBody.ParseJson<ClaimWebhook>(body);
        return await idempotent.ExecuteAsync(req, Operation, body, async (operationId, ct) =>
        {
            var filed = await intake.FileAsync(webhook, req.VerifiedWebhook()!.Id, operationId, RequestCredentials.ApiBase(req), ct);
            return new ApiResponse(filed.Accepted ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, filed.Response);
        }, cancellationToken);
    }
}
