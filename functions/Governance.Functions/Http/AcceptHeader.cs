using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Http;

/// <summary>Content negotiation by the <c>Accept</c> header's q-values, for endpoints that answer JSON by default.</summary>
public static class AcceptHeader
{
    /// <summary>
    /// Whether the client prefers <paramref name="mediaType"/> to JSON: named with a q-value above 0 and above that of
    /// <c>application/json</c> (0 when JSON is not named). An unparsable header prefers nothing (JSON stays).
    /// </summary>
    public static bool Prefers(HttpRequest req, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParseList(req.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string type) => accepted
            .Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();

        var wanted = Quality(mediaType);
        return wanted > 0 && wanted > Quality("application/json");
    }
}
