namespace Governance.Core.Webhooks;

/// <summary>Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Development only: allow http callbacks and private, loopback or link-local hosts.</summary>
    public bool AllowInsecureLocalCallbacks { get; set; }

    /// <summary>Attempts before an outbound delivery is given up (the first try included).</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    public int DeliveryTimeoutSeconds { get; set; } = 10;
}
