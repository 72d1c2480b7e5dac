using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>
/// Verifies an inbound webhook against the secrets of its source (<see cref="InboundWebhookOptions"/>, setting
/// <c>Webhooks__{source}__Secrets</c>, <c>;</c>-separated, so a new secret can be added before the sender switches
/// and the old one removed after).
/// </summary>
public sealed class InboundWebhookVerifier(IOptionsMonitor<InboundWebhookOptions> options, WebhookSignature signature)
{
    /// <summary>Returns the verified <c>webhook-id</c>, or throws a 401 problem.</summary>
    public string Verify(string source, WebhookHeaders headers, ReadOnlySpan<byte> body)
        => signature.Verify(headers, body, SecretsFor(source));

    /// <summary>The source's secrets; throws <see cref="InvalidOperationException"/> naming the setting when it has none.</summary>
    public IReadOnlyList<WebhookSecret> SecretsFor(string source)
    {
        var setting = InboundWebhookOptions.SecretsSetting(source);
        IReadOnlyList<WebhookSecret> secrets;
        try
        {
            secrets = WebhookSecret.ParseList(options.Get(source).Secrets);
        }
        catch (FormatException ex)
        {
            // Only for a source whose secrets were not validated at start-up (see InboundWebhookOptions.Sources).
            throw new InvalidOperationException($"Setting '{setting}' is invalid: {ex.Message}", ex);
        }

        return secrets.Count > 0
            ? secrets
            : throw new InvalidOperationException($"Setting '{setting}' has no webhook secret.");
    }
}
