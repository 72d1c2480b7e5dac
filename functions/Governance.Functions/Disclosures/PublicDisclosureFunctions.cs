using Governance.Core.Disclosures;
using Governance.Core.Localization;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Disclosures;

/// <summary>The anonymous, cacheable public API: what is in force, every version, diffs, the HTML page and the Atom feed.</summary>
public sealed class PublicDisclosureFunctions(DisclosureReader reader, Localizer localizer)
{
    private const string FeedSegment = "feed";
    private const string NotModified = "Not modified: the `ETag` in `If-None-Match` is still current.";

    [Function("GetPublicDisclosures")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("What is in force", Description = "Per kind: the current version and the next scheduled one.")]
    [OpenApiResponse(200, typeof(PublicIndexView))]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Index(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures")] HttpRequest req,
        CancellationToken cancellationToken)
        => PublicCaching.Json(req, await reader.IndexAsync(cancellationToken));

    [Function("GetDisclosureFeed")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Atom feed of published versions")]
    [OpenApiResponse(200, typeof(string), ContentType = "application/atom+xml")]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/" + FeedSegment)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        // Links in the feed are absolute (…/api/public/disclosures/), against the public base URL.
        var baseUri = Http.PublicBaseUrl.For(req).Api(req, "public/disclosures/");
        var locale = ReaderLocales.Negotiate(req, localizer);
        return PublicCaching.Text(req, await reader.FeedAsync(baseUri, locale, cancellationToken), "application/atom+xml; charset=utf-8");
    }

    [Function("GetCurrentDisclosure")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("The version in force", Description = "404 before the first version takes effect.")]
    [OpenApiResponse(200, typeof(PublicVersionView))]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Current(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        // The Functions host does not prefer literal segments: it tries routes in function-name order
        // (azure-functions-host#9876), so "public/disclosures/feed" may land here. Serve it either way.
        if (kind == FeedSegment)
        {
            return await Feed(req, cancellationToken);
        }

        var current = await reader.CurrentAsync(kind, cancellationToken);
        req.HttpContext.Response.Headers.ContentLocation = $"/api/public/disclosures/{current.Kind}/versions/{current.Version}";
        return PublicCaching.Json(req, current, current.Sha256);
    }

    [Function("ListDisclosureVersions")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Every published version of a kind")]
    [OpenApiResponse(200, typeof(PublicVersionListView))]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/versions")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
        => PublicCaching.Json(req, await reader.VersionsAsync(kind, cancellationToken));

    [Function("GetDisclosureVersion")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("One published version")]
    [OpenApiResponse(200, typeof(PublicVersionView))]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Version(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/versions/{version}")] HttpRequest req,
        string kind,
        string version,
        CancellationToken cancellationToken)
    {
        var found = await reader.VersionAsync(kind, version, cancellationToken);
        return PublicCaching.Json(req, found, found.Sha256);
    }

    /// <summary>JSON hunks by default; unified diff text with <c>Accept: text/plain</c> (or <c>format=text</c>, for links a browser follows).</summary>
    [Function("GetDisclosureDiff")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Line diff between two versions", Description = "JSON hunks; a unified diff with `Accept: text/plain` or `format=text`.", Problems = [400])]
    [OpenApiQuery("from", "The older version number.", Type = typeof(int))]
    [OpenApiQuery("to", "The newer version number.", Type = typeof(int))]
    [OpenApiQuery("format", "`text` for a unified diff.")]
    [OpenApiResponse(200, typeof(DiffView))]
    [OpenApiResponse(200, typeof(string), ContentType = "text/plain")]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Diff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/diff")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        var diff = await reader.DiffAsync(kind, req.Query["from"], req.Query["to"], cancellationToken);
        req.HttpContext.Response.Headers.Vary = HeaderNames.Accept;
        return WantsText(req)
            ? PublicCaching.Text(req, diff.ToUnifiedText(), "text/plain; charset=utf-8")
            : PublicCaching.Json(req, diff);
    }

    [Function("GetDisclosurePage")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("The disclosure as an HTML page", Description = "Rendered Markdown (sanitized, no script), both procedures, and the version history with hashes and diff links.")]
    [OpenApiResponse(200, typeof(string), ContentType = "text/html")]
    [OpenApiResponse(304, Description = NotModified)]
    public async Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/page")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        var html = await reader.PageAsync(kind, ReaderLocales.Negotiate(req, localizer), cancellationToken);
        var headers = req.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = DisclosurePage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return PublicCaching.Text(req, html, "text/html; charset=utf-8");
    }

    /// <summary>Unified text when the client prefers text/plain over JSON (by q-value), or asks for <c>format=text</c>.</summary>
    public static bool WantsText(HttpRequest req)
    {
        if (string.Equals(req.Query["format"], "text", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return AcceptHeader.Prefers(req, "text/plain");
    }
}
