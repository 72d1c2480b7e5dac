namespace Governance.Core.Webhooks;

/// <summary>A Standard Webhooks signing secret: <c>whsec_</c> followed by the base64 key bytes.</summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinimumBytes = 24;
    public const int MaximumBytes = 64;

    private WebhookSecret(byte[] key) => Key = key;

    public byte[] Key { get; }

    public static WebhookSecret Parse(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A webhook secret must start with '{Prefix}'.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(trimmed[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new FormatException($"A webhook secret must be '{Prefix}' followed by base64.");
        }

        if (key.Length is < MinimumBytes or > MaximumBytes)
        {
            throw new FormatException($"A webhook secret must decode to {MinimumBytes} to {MaximumBytes} bytes; this one has {key.Length}.");
        }

        return new WebhookSecret(key);
    }

    /// <summary>Secrets from a <c>;</c>-separated setting (several at once during rotation).</summary>
    public static IReadOnlyList<WebhookSecret> ParseList(string? setting)
        => (setting ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    public static string Generate() => Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override string ToString() => Prefix + "***";
}
