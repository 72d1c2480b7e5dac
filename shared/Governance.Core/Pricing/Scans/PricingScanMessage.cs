using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Pricing.Scans;

/// <summary>
/// A message of the <c>pricing-scans</c> queue (<c>PricingScansQueue</c>): scan one shard of a scan
/// (<c>{"scanId":"…","step":"shard","shard":3}</c>) or finalize it (<c>{"scanId":"…","step":"finalize"}</c>).
/// Consumers are idempotent: a shard recorded before, or a scan that is over, makes a message do nothing.
/// </summary>
public sealed record PricingScanMessage(string ScanId, string Step, int? Shard = null)
{
    public const string QueueSetting = "PricingScansQueue";
    public const string ShardStep = "shard";
    public const string FinalizeStep = "finalize";

    public static PricingScanMessage ForShard(string scanId, int shard) => new(scanId, ShardStep, shard);

    public static PricingScanMessage ForFinalize(string scanId) => new(scanId, FinalizeStep);

    public string ToJson() => JsonSerializer.Serialize(this, GovernanceJson.Options);

    /// <summary>The message, or null when the text is not one (such a message can only ever fail).</summary>
    public static PricingScanMessage? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096)
        {
            return null;
        }

        try
        {
            var message = JsonSerializer.Deserialize<PricingScanMessage>(text, GovernanceJson.Options);
            return message is not null && ScanIds.IsValid(message.ScanId)
                && ((message.Step == ShardStep && message.Shard is >= 0 and < PricingOptions.MaxShardCount) || (message.Step == FinalizeStep && message.Shard is null))
                ? message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Describe() => Step == ShardStep ? $"shard {Shard} of scan {ScanId}" : $"the finalize step of scan {ScanId}";
}
