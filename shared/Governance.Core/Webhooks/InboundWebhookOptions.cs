using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>
/// The secrets one inbound webhook source signs with: setting <c>Webhooks__{source}__Secrets</c>, <c>;</c>-separated
/// <c>whsec_</c> secrets (several during a rotation). Named options: the name is the source. Empty means the source
/// is not enabled (its requests are refused with a 401); a malformed secret stops the host at start-up.
/// </summary>
public sealed class InboundWebhookOptions
{
    public string? Secrets { get; set; }

    /// <summary>
    /// The sources whose secrets are bound and validated at start-up: every <c>WebhookSource</c> an HTTP function
    /// declares (a test of the function app checks that none is missing).
    /// </summary>
    public static IReadOnlyList<string> Sources { get; } = ["Claims", "Payments"];

    public static string SecretsSetting(string source) => $"{WebhookOptions.SectionName}__{source}__Secrets";

    public static string SectionOf(string source) => $"{WebhookOptions.SectionName}:{source}";
}

public sealed class InboundWebhookOptionsValidator : IValidateOptions<InboundWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundWebhookOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            WebhookSecret.ParseList(options.Secrets);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail($"{InboundWebhookOptions.SecretsSetting(name)} is invalid: {ex.Message}");
        }
    }
}
