using Microsoft.Extensions.Options;

namespace Governance.Core.Configuration;

/// <summary>
/// <c>Governance__PublicBaseUrl</c>: the address clients reach the app at (what comes before <c>/api/</c>), e.g.
/// <c>https://governance.example.com</c>. Absolute links the app hands out (the Atom feed, a claim's
/// <c>statusUrl</c>, …) are built from it; when it is empty they fall back to the request's own scheme and
/// <c>Host</c>, which a client controls.
/// </summary>
public sealed class PublicBaseUrlOptions
{
    public const string SectionName = "Governance";

    public string? PublicBaseUrl { get; set; }

    /// <summary>The configured base with a trailing slash, or null when none is set.</summary>
    public Uri? BaseUri()
        => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : new Uri(PublicBaseUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute);
}

public sealed class PublicBaseUrlOptionsValidator : IValidateOptions<PublicBaseUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicBaseUrlOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return ValidateOptionsResult.Success;
        }

        var valid = Uri.TryCreate(options.PublicBaseUrl.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
        return valid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Governance__PublicBaseUrl must be an absolute http(s) URL without credentials, query or fragment, such as https://governance.example.com (or empty).");
    }
}
