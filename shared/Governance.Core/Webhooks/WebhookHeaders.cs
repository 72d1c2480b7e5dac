namespace Governance.Core.Webhooks;

/// <summary>The three Standard Webhooks headers, as sent or received.</summary>
public sealed record WebhookHeaders(string? Id, string? Timestamp, string? Signature)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
}
