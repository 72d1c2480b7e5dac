using Microsoft.Extensions.Options;

namespace Governance.Core.Security;

/// <summary>
/// Checked at start-up, so a host with broken auth settings never starts serving. Outside development
/// (<see cref="HostingEnvironment"/>) the published sample signing key is refused.
/// </summary>
public sealed class AuthOptionsValidator(bool isDevelopment = false) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Auth__Issuer is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth__Audience is required.");
        }

        if (options.UsesAuthority)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Auth__Authority must be an absolute https URL (the OpenID Connect issuer).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add("Set Auth__Authority (OpenID Connect, RS256) or Auth__SigningKey (base64 HS256 key, local development only).");
        }
        else if (options.SigningKeyBytes() is not { } key)
        {
            failures.Add("Auth__SigningKey is not valid base64.");
        }
        else if (key.Length < AuthOptions.MinimumSigningKeyBytes)
        {
            failures.Add($"Auth__SigningKey must decode to at least {AuthOptions.MinimumSigningKeyBytes} bytes; it has {key.Length}.");
        }
        else if (!isDevelopment && key.AsSpan().SequenceEqual(Convert.FromBase64String(AuthOptions.SampleSigningKey)))
        {
            failures.Add(
                "Auth__SigningKey is the sample key published in local.settings.sample.json, accepted only in development "
                + $"({HostingEnvironment.FunctionsEnvironmentSetting} or DOTNET_ENVIRONMENT = Development). Set Auth__Authority (Entra ID) or a key of your own.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
