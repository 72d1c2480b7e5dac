using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Data of a <c>claim.status_changed</c> webhook: what the intake source's customer service needs to answer the
/// user, and no personal data beyond what the intake sent (no user id, order id or damage description).
/// </summary>
public sealed record ClaimStatusWebhookData(
    string ClaimId,
    string ExternalReference,
    string Status,
    string? PreviousStatus,
    DateTimeOffset ChangedAt,
    string? ReasonCode,
    string? Reason,
    RuleView? Rule,
    MoneyAmount AmountClaimed,
    MoneyAmount? AmountApproved);

/// <summary>
/// Optional status webhooks to the intake source (setting <c>Webhooks__ClaimsStatus__Url</c>; empty = off, the
/// default). Each status change recorded on a claim (<see cref="ClaimStatusChanges"/>) is queued by
/// <see cref="ClaimFollowUp"/> through the kernel's <see cref="WebhookDeliveryService"/> to the endpoint
/// <c>claims-intake/status</c>, which this class keeps in line with the settings. The delivery id is
/// <c>{claimId}:{status}</c>: a claim reaches each status at most once, so a repeated follow-up queues the same
/// <c>webhook-id</c> again and the receiver can deduplicate.
/// </summary>
public sealed class ClaimStatusWebhooks(
    IConfiguration configuration,
    IWebhookEndpointStore endpoints,
    WebhookDeliveryService delivery,
    IPolicyProfileProvider profiles,
    ILogger<ClaimStatusWebhooks> logger)
{
    public const string UrlSetting = "Webhooks:ClaimsStatus:Url";
    public const string SecretSetting = "Webhooks:ClaimsStatus:Secret";
    public const string IntakeSecretsSetting = "Webhooks:" + ClaimIntakeService.WebhookSource + ":Secrets";
    public const string OwnerId = "claims-intake";
    public const string EndpointId = "status";
    public const string EventType = "claim.status_changed";

    private readonly SemaphoreSlim _registration = new(1, 1);
    private bool _registered;

    /// <summary>The intake source's callback URL, or null when status webhooks are off.</summary>
    public string? Url => string.IsNullOrWhiteSpace(configuration[UrlSetting]) ? null : configuration[UrlSetting]!.Trim();

    public bool Enabled => Url is not null;

    public static string DeliveryId(string claimId, string status) => $"{claimId}:{status}";

    /// <summary>Queues the webhook of one change; false (and nothing queued) when status webhooks are off.</summary>
    public async Task<bool> EnqueueAsync(ClaimEntity claim, ClaimStatusChange change, CancellationToken cancellationToken = default)
    {
        if (Url is not { } url)
        {
            return false;
        }

        await EnsureEndpointAsync(url, cancellationToken);
        var payload = JsonSerializer.Serialize(Data(claim, change, profiles.Current), GovernanceJson.Options);
        await delivery.EnqueueAsync(OwnerId, EndpointId, EventType, payload, DeliveryId(claim.ClaimId, change.Status), cancellationToken);
        return true;
    }

    /// <summary>The change, with the claim's amounts as they are when the webhook is queued.</summary>
    public static ClaimStatusWebhookData Data(ClaimEntity claim, ClaimStatusChange change, PolicyProfile profile)
        => new(claim.ClaimId, claim.ExternalReference, change.Status, change.PreviousStatus, change.ChangedAt, change.ReasonCode, change.Reason,
            RuleView.From(change.Rule, profile), claim.Claimed, claim.Approved);

    /// <summary>
    /// The signing secret: <c>Webhooks__ClaimsStatus__Secret</c>, else the first (newest) of the intake's
    /// <c>Webhooks__Claims__Secrets</c>, the secret the source already shares with us.
    /// </summary>
    public string SigningSecret()
    {
        var (setting, value) = string.IsNullOrWhiteSpace(configuration[SecretSetting])
            ? (IntakeSecretsSetting, configuration[IntakeSecretsSetting]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault())
            : (SecretSetting, configuration[SecretSetting]!.Trim());
        var name = setting.Replace(":", "__", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException($"Claim status webhooks are on ({UrlSetting.Replace(":", "__", StringComparison.Ordinal)}) but '{name}' has no secret to sign them with.");
        }

        try
        {
            WebhookSecret.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Setting '{name}' is invalid: {ex.Message}", ex);
        }

        return value;
    }

    /// <summary>
    /// Registers the endpoint, or updates it when the URL or secret setting changed, once per process. An endpoint
    /// that answered 410 Gone stays disabled until one of the two settings changes.
    /// </summary>
    private async Task EnsureEndpointAsync(string url, CancellationToken cancellationToken)
    {
        if (_registered)
        {
            return;
        }

        await _registration.WaitAsync(cancellationToken);
        try
        {
            if (_registered)
            {
                return;
            }

            var secret = SigningSecret();
            var existing = await endpoints.GetAsync(OwnerId, EndpointId, cancellationToken);
            if (existing is null || existing.Url != url || existing.Secret != secret)
            {
                await endpoints.PutAsync(OwnerId, EndpointId, url, secret, cancellationToken);
                logger.LogInformation("Claim status webhooks go to {Url}.", url);
            }
            else if (existing.Disabled)
            {
                logger.LogWarning("Claim status webhooks are queued, but endpoint {Owner}/{Endpoint} was disabled ({Reason}); change the URL or secret setting to enable it again.", OwnerId, EndpointId, existing.DisabledReason);
            }

            _registered = true;
        }
        finally
        {
            _registration.Release();
        }
    }
}
