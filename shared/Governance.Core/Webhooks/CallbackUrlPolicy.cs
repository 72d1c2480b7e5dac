using System.Net;
using System.Net.Sockets;
using Governance.Core.Validation;
using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>
/// Where the app may send webhooks: absolute https URLs whose host resolves only to public addresses, so a
/// caller cannot point us at our own network (SSRF). <c>Webhooks__AllowInsecureLocalCallbacks</c> lifts both
/// rules for local development. Checked when a URL is registered and again when it is used, since DNS can change.
/// </summary>
public sealed class CallbackUrlPolicy(IOptions<WebhookOptions> options, IHostAddressResolver resolver)
{
    public const int MaxLength = 2048;

    /// <summary>Null when the URL is allowed, else what is wrong with it.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken = default)
    {
        if (url.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain user credentials.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not contain a fragment.";
        }

        var insecureAllowed = options.Value.AllowInsecureLocalCallbacks;
        if (uri.Scheme != Uri.UriSchemeHttps && !insecureAllowed)
        {
            return "must use https.";
        }

        if (insecureAllowed)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            var host = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost;
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return $"host '{uri.Host}' could not be resolved.";
        }

        if (addresses.Length == 0)
        {
            return $"host '{uri.Host}' could not be resolved.";
        }

        return addresses.All(NetworkAddresses.IsPublic)
            ? null
            : $"host '{uri.Host}' resolves to a private, loopback or link-local address; only public hosts may receive webhooks.";
    }

    /// <summary>Adds the URL's problem, if any, to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public async Task ValidateAsync(string field, string url, ValidationErrors errors, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(url, cancellationToken) is { } problem)
        {
            errors.Add(field, problem);
        }
    }
}
