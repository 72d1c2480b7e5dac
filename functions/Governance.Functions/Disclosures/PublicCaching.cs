using System.Text;
using System.Text.Json;
using Governance.Core.Disclosures;
using Governance.Core.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Functions.Disclosures;

/// <summary>
/// Public disclosure responses are cacheable: <c>Cache-Control: public, max-age=60</c>, and a matching
/// <c>If-None-Match</c> answers 304 without a body. The <c>ETag</c>:
/// <list type="bullet">
/// <item>A single version (<c>/versions/{n}</c> and the current one): the SHA-256 of its published text, as the
/// disclosures issue specifies. Known limit of that contract: two consecutive versions with identical Markdown
/// (only the title, procedures or dates changed) share an ETag, so a client revalidating "current" across that
/// change keeps its copy until max-age runs out and it fetches without a condition; the index below changes.</item>
/// <item>Everything else (index, version list, diff, page, feed): the SHA-256 of the response body, so any change
/// of status, of the version in force or of the next scheduled one gives a new ETag.</item>
/// </list>
/// The page and the feed are localized (<see cref="Http.ReaderLocales"/>): <c>Vary: Accept-Language</c> and
/// <c>Content-Language</c>, and since their bodies declare their language, each language has its own ETag.
/// </summary>
public static class PublicCaching
{
    public const string CacheControl = "public, max-age=60";

    /// <summary>JSON with <paramref name="entityTag"/> (unquoted) as its ETag, or the SHA-256 of the body when null.</summary>
    public static IActionResult Json<T>(HttpRequest req, T value, string? entityTag = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, GovernanceJson.Options);
        return Respond(req, entityTag ?? DisclosureHashing.Sha256Hex(bytes), bytes, "application/json; charset=utf-8");
    }

    public static IActionResult Text(HttpRequest req, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Respond(req, DisclosureHashing.Sha256Hex(bytes), bytes, contentType);
    }

    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }

        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IActionResult Respond(HttpRequest req, string entityTag, byte[] body, string contentType)
    {
        var etag = $"\"{entityTag}\"";
        var headers = req.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        if (Matches(req.Headers.IfNoneMatch, etag))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        return new FileContentResult(body, contentType);
    }
}
