using Governance.Core.Configuration;
using Governance.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Http;

/// <summary>
/// Where absolute links point: <c>Governance__PublicBaseUrl</c> when set, else the request's scheme and
/// <c>Host</c>. A <c>Host</c> that does not make a URL (<c>localhost:99999</c>) is then a 400, never a 500. The
/// one place links are built from, for the feed, a claim's <c>statusUrl</c>, an OpenAPI <c>servers</c> entry…
/// </summary>
public sealed class PublicBaseUrl(IOptions<PublicBaseUrlOptions> options)
{
    private const string ApiPrefix = "api/";
    private readonly Uri? _configured = options.Value.BaseUri();

    /// <summary>The configured base (with a trailing slash), or null when links follow the request.</summary>
    public Uri? Configured => _configured;

    /// <summary>The base the API is reached at from outside, with a trailing slash (<c>https://host/</c>).</summary>
    public Uri Root(HttpRequest request)
    {
        if (_configured is not null)
        {
            return _configured;
        }

        var pathBase = request.PathBase.HasValue ? request.PathBase.Value!.TrimEnd('/') : string.Empty;
        if (!request.Host.HasValue || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}{pathBase}/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw GovernanceProblem.BadRequest("The Host header is not a valid host (and port); links cannot be built from it.");
        }

        return root;
    }

    /// <summary>An absolute URL under the API (<c>…/api/{relative}</c>).</summary>
    public Uri Api(HttpRequest request, string relative = "") => new(Root(request), ApiPrefix + relative);

    /// <summary>The service of the request's host (the request-only fallback in a bare test context).</summary>
    public static PublicBaseUrl For(HttpRequest request)
        => request.HttpContext.RequestServices?.GetService<PublicBaseUrl>() ?? new PublicBaseUrl(Options.Create(new PublicBaseUrlOptions()));
}
