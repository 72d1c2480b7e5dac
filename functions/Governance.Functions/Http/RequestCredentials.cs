using Governance.Core.Security;
using Governance.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Http;

/// <summary>The raw credential headers of a request, as Core's authenticators and verifiers take them.</summary>
public static class RequestCredentials
{
    public static string? Authorization(HttpRequest request) => Header(request, "Authorization");

    public static string? ApiKey(HttpRequest request) => Header(request, ApiKeyHeader.Name);

    public static WebhookHeaders Webhook(HttpRequest request)
        => new(Header(request, WebhookHeaders.IdHeader), Header(request, WebhookHeaders.TimestampHeader), Header(request, WebhookHeaders.SignatureHeader));

    /// <summary>The API's public base (<c>https://host/api</c>) for links in responses (see <see cref="PublicBaseUrl"/>).</summary>
    public static string ApiBase(HttpRequest request) => PublicBaseUrl.For(request).Api(request).AbsoluteUri.TrimEnd('/');

    private static string? Header(HttpRequest request, string name)
        => request.Headers.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;
}
