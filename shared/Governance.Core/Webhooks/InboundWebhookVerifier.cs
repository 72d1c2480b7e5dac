using Microsoft.Extensions.Configuration;

namespace Governance.Core.Webhooks;

/// <summary>
/// Verifies an inbound webhook against the secrets of its source, read from <c>Webhooks__{source}__Secrets</c>
/// (<c>;</c>-separated, so a new secret can be added before the sender switches and the old one removed after).
/// </summary>
public sealed class InboundWebhookVerifier(IConfiguration configuration, WebhookSignature signature)
{
    /// <summary>Returns the verified <c>webhook-id</c>, or throws a 401 problem.</summary>
    public string Verify(string source, WebhookHeaders headers, ReadOnlySpan<byte> body)
        => signature.Verify(headers, body, SecretsFor(source));

    public IReadOnlyList<WebhookSecret> SecretsFor(string source)
    {
        var setting = $"{WebhookOptions.SectionName}:{source}:Secrets";
        IReadOnlyList<WebhookSecret> secrets;
        try
        {
            secrets = WebhookSecret.ParseList(configuration[setting]);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Setting '{setting.Replace(":", "__", StringComparison.Ordinal)}' is invalid: {ex.Message}", ex);
        }

        return secrets.Count > 0
            ? secrets
            : throw new InvalidOperationException($"Setting '{setting.Replace(":", "__", StringComparison.Ordinal)}' has no webhook secret.");
    }
}
