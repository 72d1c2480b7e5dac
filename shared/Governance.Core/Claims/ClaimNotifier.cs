using Governance.Core.Apps;
using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Webhooks.Outbound;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>Tells the developer owning a claim's app about its recourse, by signed webhook to its callback URL.</summary>
public sealed class ClaimNotifier(IAppDirectory apps, DeveloperService developers, OutboundWebhooks outbound, ILogger<ClaimNotifier> logger)
{
    public const string RecourseOpened = "recourse.opened";
    public const string RecourseOverdue = "recourse.overdue";

    /// <summary>Queues the webhook; false when there is nobody to notify (no developer or no callback URL).</summary>
    public async Task<bool> NotifyDeveloperAsync(ClaimEntity claim, string type, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var app = await apps.FindAsync(claim.AppId, cancellationToken);
        if (app?.DeveloperId is not { } developerId)
        {
            logger.LogInformation("Claim {ClaimId}: app {AppId} has no developer to notify of {Type}.", claim.ClaimId, claim.AppId, type);
            return false;
        }

        string? callbackUrl;
        try
        {
            callbackUrl = (await developers.GetAsync(developerId, cancellationToken)).CallbackUrl;
        }
        catch (GovernanceProblem problem) when (problem.Status == 404)
        {
            callbackUrl = null;
        }

        if (string.IsNullOrWhiteSpace(callbackUrl))
        {
            logger.LogInformation("Claim {ClaimId}: developer {DeveloperId} has no callback URL for {Type}.", claim.ClaimId, developerId, type);
            return false;
        }

        var payload = new
        {
            type,
            timestamp = at,
            data = new
            {
                claimId = claim.ClaimId,
                appId = claim.AppId,
                status = claim.Status,
                outstanding = new { amount = claim.Outstanding, currency = claim.Currency },
                recourseOpenedAt = claim.RecourseOpenedAt,
                recourseDueAt = claim.RecourseDueAt,
            },
        };
        await outbound.EnqueueAsync($"{claim.ClaimId}:{type}", callbackUrl, payload, cancellationToken);
        return true;
    }
}
