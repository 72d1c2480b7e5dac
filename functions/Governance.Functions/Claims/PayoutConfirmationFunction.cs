using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class PayoutConfirmationFunction(PayoutConfirmations confirmations, ICallerAuthenticator authenticator)
{
    /// <summary>An operator (bearer token) or the payments system (Standard Webhooks signature) confirms a payout.</summary>
    [Function("ConfirmPayout")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/payout-confirmation")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadBytesAsync(req, PayoutConfirmations.MaxBodyBytes, requireJson: true, cancellationToken);
        AuditActor actor;
        if (RequestCredentials.Authorization(req) is null && RequestCredentials.HasWebhookSignature(req))
        {
            confirmations.VerifyWebhook(RequestCredentials.Webhook(req), body);
            actor = AuditActor.Webhook(PayoutConfirmations.WebhookSource);
        }
        else
        {
            var caller = await authenticator.RequireStaffAsync(RequestCredentials.Authorization(req), [StaffRoles.Operator], cancellationToken);
            actor = AuditActor.From(caller, StaffRoles.Operator);
        }

        var request = RequestBody.ParseJson<PayoutConfirmationRequest>(body);
        return new OkObjectResult(await confirmations.ConfirmAsync(claimId, request, actor, cancellationToken));
    }
}
