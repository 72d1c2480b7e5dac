using System.Text;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Webhooks;

namespace Governance.Core.Claims;

/// <summary>
/// <c>POST /api/webhooks/claims</c>: verifies the Standard Webhooks signature, then stores the claim and queues
/// it, once per <c>webhook-id</c> (the idempotency store replays the first response) and once per natural key
/// (the claim id is derived from it, so the row insert's conflict finds the duplicate). The claim is stored
/// before it is queued; if the enqueue is lost, a replay of the webhook or <see cref="ClaimSweeper"/> queues it again.
/// </summary>
public sealed class ClaimIntakeService(
    InboundWebhookVerifier verifier,
    IdempotencyStore idempotency,
    ClaimStore store,
    IClaimQueue queue,
    TimeProvider time)
{
    public const string WebhookSource = "Claims";
    public const string IdempotencyScope = "claims-webhook";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Checks the signature (401 problem when it fails); returns the verified <c>webhook-id</c>.</summary>
    public string Verify(WebhookHeaders headers, ReadOnlySpan<byte> body) => verifier.Verify(WebhookSource, headers, body);

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
        var token = ClaimKeys.NewStatusToken();
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
        ClaimTransitions.Record(claim, AuditActor.Webhook(WebhookSource), "claim.received", "received", null, new Dictionary<string, string>
        {
            ["webhookId"] = webhookId,
            ["externalReference"] = claim.ExternalReference,
            ["amountClaimed"] = $"{claim.ClaimedAmount} {claim.Currency}",
        });

        if (await store.TryInsertAsync(claim, cancellationToken))
        {
            await queue.EnqueueAsync(claimId, cancellationToken);
            var statusUrl = $"{statusUrlBase.TrimEnd('/')}/claims/{claimId}/status?token={Uri.EscapeDataString(token)}";
            return Json(202, new ClaimIntakeResponse(claimId, "received", statusUrl, token));
        }

        var existing = await store.GetAsync(claimId, cancellationToken)
            ?? throw new InvalidOperationException($"Claim '{claimId}' conflicted on insert but cannot be read.");
        if (existing.GetStatus() == ClaimStatus.Received)
        {
            // The first delivery may have died between storing and queuing: processing is idempotent, so queue again.
            await queue.EnqueueAsync(claimId, cancellationToken);
        }

        return Json(200, new ClaimIntakeResponse(claimId, existing.Status, DuplicateOf: claimId));
    }

    private static StoredResponse Json(int status, ClaimIntakeResponse body)
        => new(status, "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, GovernanceJson.Options)));
}
