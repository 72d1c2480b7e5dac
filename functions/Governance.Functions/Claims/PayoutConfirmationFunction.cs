using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class PayoutConfirmationFunction(PayoutConfirmations confirmations, IdempotentPost idempotent)
{
    /// <summary>
    /// An operator (bearer token) or the payments system (Standard Webhooks signature; the signed body names the
    /// claim, and each <c>webhook-id</c> takes effect once) confirms a payout.
    /// </summary>
    [Function("ConfirmPayout")]
    [Access(Callers.Staff | Callers.Webhook, Roles = [StaffRoles.Operator], WebhookSource = PayoutConfirmations.WebhookSource, BodyLimit = PayoutConfirmations.MaxBodyBytes)]
    [OpenApiOperation("Confirm a payout", Description = "By an operator, or by the payments system as a signed webhook whose body names the claim; the claim becomes `prepaid`. The same reference again returns the claim.", Problems = [409, 422], IdempotencyKey = true)]
    [OpenApiBody(typeof(PayoutConfirmationRequest))]
    [OpenApiResponse(200, typeof(ClaimView))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/payout-confirmation")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadBytesAsync(req, PayoutConfirmations.MaxBodyBytes, requireJson: true, cancellationToken);
        var request = RequestBody.ParseJson<PayoutConfirmationRequest>(body);
        var webhook = req.VerifiedWebhook();
        var actor = webhook is null ? AuditActor.From(req.Caller(), StaffRoles.Operator) : AuditActor.Webhook(webhook.Source);
        return await idempotent.ExecuteAsync(req, "payout-confirmation", body, async (_, ct) =>
            ApiResponse.Ok(await confirmations.ConfirmAsync(claimId, request, actor, signedBody: webhook is not null, ct)), cancellationToken);
    }
}
