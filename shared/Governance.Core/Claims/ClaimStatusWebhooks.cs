using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// One status change of a claim. <see cref="PreviousStatus"/> is null for <c>received</c>; the reason is the
/// decision's (approve, reject, review), when the change is one.
/// </summary>
public sealed record ClaimStatusChange(string Status, string? PreviousStatus, DateTimeOffset ChangedAt, string? Rule, string? ReasonCode = null, string? Reason = null);

/// <summary>What a status change owes the intake source, fixed when the change is made (rule titles are added when it is sent).</summary>
public sealed record ClaimStatusNotice(string ClaimId, string ExternalReference, ClaimStatusChange Change, MoneyAmount AmountClaimed, MoneyAmount? AmountApproved);

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
/// default). Every status change of a claim owes one (<see cref="Owed"/>, recorded with
/// the change); this handler queues it through the kernel's <see cref="WebhookDeliveryService"/> to the endpoint
/// <c>claims-intake/status</c>, which it keeps in line with the settings, or drops it while the feature is off (so
/// changes made while it was off are never sent). The delivery id is <c>{claimId}:{status}</c>: a claim reaches each
/// status at most once, so a follow-up run again queues the same <c>webhook-id</c> and the receiver can deduplicate.
/// </summary>
public sealed class ClaimStatusWebhooks(
    IConfiguration configuration,
    IWebhookEndpointStore endpoints,
    WebhookDeliveryService delivery,
    IPolicyProfileProvider profiles,
    ILogger<ClaimStatusWebhooks> logger) : IFollowUpHandler
{
    public const string FollowUpType = "claim-status";

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

    string IFollowUpHandler.Type => FollowUpType;

    /// <summary>The status webhook a change owes (its follow-up id is the delivery id).</summary>
    public static FollowUp Owed(Claim claim, ClaimStatusChange change)
        => FollowUp.Create(FollowUpType, DeliveryId(claim.ClaimId, change.Status),
            new ClaimStatusNotice(claim.ClaimId, claim.Filing.ExternalReference, change, claim.Filing.Claimed, claim.Approved));

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
        => EnqueueAsync(followUp.Read<ClaimStatusNotice>(), cancellationToken);

    /// <summary>Queues the webhook of one change; false (and nothing queued) when status webhooks are off.</summary>
    public async Task<bool> EnqueueAsync(ClaimStatusNotice notice, CancellationToken cancellationToken = default)
    {
        if (Url is not { } url)
        {
            return false;
        }

        await EnsureEndpointAsync(url, cancellationToken);
        var payload = JsonSerializer.Serialize(Data(notice, profiles.Current), GovernanceJson.Options);
        await delivery.EnqueueAsync(OwnerId, EndpointId, EventType, payload, DeliveryId(notice.ClaimId, notice.Change.Status), cancellationToken);
        return true;
    }

    public static ClaimStatusWebhookData Data(ClaimStatusNotice notice, PolicyProfile profile)
    {
        var change = notice.Change;
        return new(notice.ClaimId, notice.ExternalReference, change.Status, change.PreviousStatus, change.ChangedAt, change.ReasonCode, change.Reason,
            RuleView.From(change.Rule, profile), notice.AmountClaimed, notice.AmountApproved);
    }

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
