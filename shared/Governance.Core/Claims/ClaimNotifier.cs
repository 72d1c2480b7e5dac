using System.Text.Json;
using Governance.Core.Apps;
using Governance.Core.Developers;
using Governance.Core.Json;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Tells the developer owning a claim's app about its recourse, by a signed webhook to the callback endpoint
/// registered at sign-up (the kernel's delivery service: callbacks queue, retries, 410 disables the endpoint).
/// </summary>
public sealed class ClaimNotifier(IAppDirectory apps, IWebhookEndpointStore endpoints, WebhookDeliveryService delivery, ILogger<ClaimNotifier> logger)
{
    public const string RecourseOpened = "recourse.opened";
    public const string RecourseOverdue = "recourse.overdue";

    /// <summary>Queues the webhook; false when there is nobody to notify (no developer or no active callback endpoint).</summary>
    public async Task<bool> NotifyDeveloperAsync(ClaimEntity claim, string type, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var app = await apps.FindAsync(claim.AppId, cancellationToken);
        if (app?.DeveloperId is not { } developerId)
        {
            logger.LogInformation("Claim {ClaimId}: app {AppId} has no developer to notify of {Type}.", claim.ClaimId, claim.AppId, type);
            return false;
        }

        var endpoint = await endpoints.GetAsync(developerId, DeveloperService.CallbackEndpointId, cancellationToken);
        if (endpoint is null || endpoint.Disabled)
        {
            logger.LogInformation("Claim {ClaimId}: developer {DeveloperId} has no active callback endpoint for {Type}.", claim.ClaimId, developerId, type);
            return false;
        }

        // The delivery service wraps this in the Standard Webhooks envelope {"type", "timestamp", "data"}.
        var data = new
        {
            claimId = claim.ClaimId,
            appId = claim.AppId,
            status = claim.Status,
            outstanding = new { amount = claim.Outstanding, currency = claim.Currency },
            noticeAt = at,
            recourseOpenedAt = claim.RecourseOpenedAt,
            recourseDueAt = claim.RecourseDueAt,
        };

        // The delivery id is stable per claim and notice, so a repeated step queues a webhook the receiver can dedupe.
        await delivery.EnqueueAsync(developerId, DeveloperService.CallbackEndpointId, type, JsonSerializer.Serialize(data, GovernanceJson.Options), $"{claim.ClaimId}:{type}", cancellationToken);
        return true;
    }
}
