using Governance.Core.Disclosures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Disclosures;

/// <summary>The anonymous, cacheable public API: what is in force, every version, diffs, the HTML page and the Atom feed.</summary>
public sealed class PublicDisclosureFunctions(DisclosureReader reader)
{
    private const string FeedSegment = "feed";

    [Function("GetPublicDisclosures")]
    public async Task<IActionResult> Index(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures")] HttpRequest req,
        CancellationToken cancellationToken)
        => PublicCaching.Json(req, await reader.IndexAsync(cancellationToken));

    [Function("GetDisclosureFeed")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/" + FeedSegment)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        // Links in the feed are absolute (…/api/public/disclosures/), against the public base URL.
        var baseUri = Http.PublicBaseUrl.For(req).Api(req, "public/disclosures/");
        return PublicCaching.Text(req, await reader.FeedAsync(baseUri, cancellationToken), "application/atom+xml; charset=utf-8");
    }

    [Function("GetCurrentDisclosure")]
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
    public async Task<IActionResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/versions")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
        => PublicCaching.Json(req, await reader.VersionsAsync(kind, cancellationToken));

    [Function("GetDisclosureVersion")]
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
    public async Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/disclosures/{kind}/page")] HttpRequest req,
        string kind,
        CancellationToken cancellationToken)
    {
        var html = await reader.PageAsync(kind, cancellationToken);
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

        if (!MediaTypeHeaderValue.TryParseList(req.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();

        var text = Quality("text/plain");
        return text > 0 && text > Quality("application/json");
    }
}
