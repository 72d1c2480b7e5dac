using System.Text;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// <c>POST /api/webhooks/claims</c> (signature checked at the HTTP edge): stores the claim and queues
/// it, once per <c>webhook-id</c> (the idempotency store replays the first response) and once per natural key
/// (the claim id is derived from it, so the row insert's conflict finds the duplicate). The claim is stored
/// before it is queued; if the enqueue fails or is lost, a replay of the webhook or <see cref="ClaimSweeper"/>
/// queues it again, so a stored claim is always answered 202. A retry of the same <c>webhook-id</c> whose first
/// response was never stored (a crash after the insert) finds its own claim and gets the same 202 again: the
/// status token is derived from the claim id (<see cref="ClaimStatusTokens"/>), so it can be rebuilt.
/// </summary>
public sealed class ClaimIntakeService(
    IdempotencyStore idempotency,
    ClaimStore store,
    IClaimQueue queue,
    ClaimStatusTokens tokens,
    TimeProvider time,
    ILogger<ClaimIntakeService> logger)
{
    public const string WebhookSource = "Claims";
    public const string IdempotencyScope = "claims-webhook";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Files a verified, parsed webhook. <paramref name="statusUrlBase"/> is the public base of the API
    /// (<c>https://host/api</c>). Returns the response to send, the same for every delivery of the webhook.
    /// </summary>
    public async Task<StoredResponse> FileAsync(string webhookId, ClaimWebhook webhook, byte[] body, string statusUrlBase, CancellationToken cancellationToken = default)
    {
        ClaimWebhookValidator.Validate(webhook, time.GetUtcNow());
        var result = await idempotency.ExecuteAsync(
            IdempotencyScope,
            webhookId,
            IdempotencyStore.HashRequest(body),
            ct => CreateAsync(webhookId, webhook.Data!, statusUrlBase, ct),
            cancellationToken);
        return result.Response;
    }

    private async Task<StoredResponse> CreateAsync(string webhookId, ClaimFiled data, string statusUrlBase, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimId = ClaimKeys.ClaimIdFor(data.UserId!, data.AppId!, data.OrderId!, data.Damage!.Category!);
        var token = tokens.Issue(claimId);
        var evidence = data.Evidence ?? [];
        var claim = new ClaimEntity
        {
            PartitionKey = claimId,
            ClaimId = claimId,
            WebhookId = webhookId,
            ExternalReference = data.ExternalReference!,
            UserId = data.UserId!,
            AppId = data.AppId!,
            OrderId = data.OrderId!,
            OccurredAt = data.OccurredAt!.Value.ToUniversalTime(),
            DamageCategory = data.Damage.Category!,
            DamageDescription = data.Damage.Description!,
            ClaimedAmount = data.AmountClaimed!.Amount!.Value,
            Currency = data.AmountClaimed.Currency!,
            EvidenceJson = JsonSerializer.Serialize(evidence, GovernanceJson.Options),
            EvidenceCount = evidence.Count,
            StatusTokenHash = ClaimKeys.HashToken(token),
            ReceivedAt = now,
            UpdatedAt = now,
        };
        claim.SetStatus(ClaimStatus.Received);
        ClaimStatusChanges.Add(claim, new ClaimStatusChange(claim.Status, null, now, null));
        ClaimTransitions.Record(claim, AuditActor.Webhook(WebhookSource), "claim.received", "received", null, new Dictionary<string, string>
        {
            ["webhookId"] = webhookId,
            ["externalReference"] = claim.ExternalReference,
            ["amountClaimed"] = $"{claim.ClaimedAmount} {claim.Currency}",
        });

        if (await store.TryInsertAsync(claim, cancellationToken))
        {
            await QueueAsync(claimId, cancellationToken);
            return Accepted(claimId, token, statusUrlBase);
        }

        var existing = await store.GetAsync(claimId, cancellationToken)
            ?? throw new InvalidOperationException($"Claim '{claimId}' conflicted on insert but cannot be read.");
        if (existing.GetStatus() == ClaimStatus.Received)
        {
            // The first delivery may have died between storing and queuing: processing is idempotent, so queue again.
            await QueueAsync(claimId, cancellationToken);
        }

        if (string.Equals(existing.WebhookId, webhookId, StringComparison.Ordinal))
        {
            // This very webhook stored the claim, but its response was never kept: answer as the first time.
            return Accepted(claimId, await OriginalTokenAsync(existing, cancellationToken), statusUrlBase);
        }

        return Json(200, new ClaimIntakeResponse(claimId, existing.Status, DuplicateOf: claimId));
    }

    private static StoredResponse Accepted(string claimId, string token, string statusUrlBase)
    {
        var statusUrl = $"{statusUrlBase.TrimEnd('/')}/claims/{claimId}/status?token={Uri.EscapeDataString(token)}";
        return Json(202, new ClaimIntakeResponse(claimId, ClaimStateMachine.ToWire(ClaimStatus.Received), statusUrl, token));
    }

    /// <summary>
    /// The token the claim was issued with; when the secret that issued it is no longer configured, a token from
    /// the current secret replaces it (ETag-conditioned, so a concurrent change is not overwritten).
    /// </summary>
    private async Task<string> OriginalTokenAsync(ClaimEntity claim, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (tokens.Rebuild(claim.ClaimId, claim.StatusTokenHash) is { } original)
            {
                return original;
            }

            var token = tokens.Issue(claim.ClaimId);
            claim.StatusTokenHash = ClaimKeys.HashToken(token);
            try
            {
                await store.UpdateAsync(claim, cancellationToken);
                return token;
            }
            catch (ClaimChangedException)
            {
                claim = await store.GetAsync(claim.ClaimId, cancellationToken)
                    ?? throw new InvalidOperationException($"Claim '{claim.ClaimId}' disappeared.");
            }
        }

        throw new InvalidOperationException($"Claim '{claim.ClaimId}' kept changing while its status token was reissued.");
    }

    /// <summary>A failed enqueue does not fail the intake: the claim is stored, and the sweep queues it again.</summary>
    private async Task QueueAsync(string claimId, CancellationToken cancellationToken)
    {
        try
        {
            await queue.EnqueueAsync(claimId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Claim {ClaimId} is stored but could not be queued; the claims sweep will queue it.", claimId);
        }
    }

    private static StoredResponse Json(int status, ClaimIntakeResponse body)
        => new(status, "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, GovernanceJson.Options)));
}
