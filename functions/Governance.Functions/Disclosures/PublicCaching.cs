using System.Text;
using System.Text.Json;
using Governance.Core.Disclosures;
using Governance.Core.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Functions.Disclosures;

/// <summary>
/// Public disclosure responses are cacheable: <c>ETag</c> is a SHA-256 (of the published text for a version,
/// of the response body otherwise), <c>Cache-Control: public, max-age=60</c>, and a matching
/// <c>If-None-Match</c> answers 304 without a body.
/// </summary>
public static class PublicCaching
{
    public const string CacheControl = "public, max-age=60";

    public static IActionResult Json<T>(HttpRequest req, T value, string? sha256 = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, GovernanceJson.Options);
        return Respond(req, sha256 ?? DisclosureHashing.Sha256Hex(bytes), bytes, "application/json; charset=utf-8");
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

    private static IActionResult Respond(HttpRequest req, string sha256, byte[] body, string contentType)
    {
        var etag = $"\"{sha256}\"";
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
