using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>Section <c>Webhooks</c>: outbound deliveries, and the claims intake's status webhooks; validated at start-up.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Development only: allow http callbacks and private, loopback or link-local hosts.</summary>
    public bool AllowInsecureLocalCallbacks { get; set; }

    /// <summary>Attempts before an outbound delivery is given up (the first try included).</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take in all (connecting, sending, the receiver's answer).</summary>
    public int DeliveryTimeoutSeconds { get; set; } = 10;

    /// <summary><c>Webhooks__ClaimsStatus__Url</c> and <c>__Secret</c>: status webhooks to the claims intake source (both optional).</summary>
    public WebhookTargetOptions ClaimsStatus { get; set; } = new();
}

/// <summary>An outbound webhook target set by settings: its URL (empty = off) and an optional own <c>whsec_</c> secret.</summary>
public sealed class WebhookTargetOptions
{
    public string? Url { get; set; }

    public string? Secret { get; set; }
}

public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDeliveryAttempts < 1)
        {
            failures.Add("Webhooks__MaxDeliveryAttempts must be at least 1.");
        }

        if (options.DeliveryTimeoutSeconds < 1)
        {
            failures.Add("Webhooks__DeliveryTimeoutSeconds must be at least 1.");
        }

        var url = options.ClaimsStatus.Url;
        if (!string.IsNullOrWhiteSpace(url)
            && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
                || !(uri.Scheme == Uri.UriSchemeHttps || (options.AllowInsecureLocalCallbacks && uri.Scheme == Uri.UriSchemeHttp))
                || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            failures.Add("Webhooks__ClaimsStatus__Url must be empty (off) or an absolute https URL without credentials"
                + (options.AllowInsecureLocalCallbacks ? " (http is allowed while Webhooks__AllowInsecureLocalCallbacks is true)." : "."));
        }

        if (!string.IsNullOrWhiteSpace(options.ClaimsStatus.Secret))
        {
            try
            {
                WebhookSecret.Parse(options.ClaimsStatus.Secret);
            }
            catch (FormatException ex)
            {
                failures.Add($"Webhooks__ClaimsStatus__Secret is invalid: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
