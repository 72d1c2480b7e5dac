using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Http;

/// <summary>Content negotiation by <c>Accept</c> with q-values, for endpoints that answer in more than one media type.</summary>
public static class AcceptNegotiation
{
    /// <summary>Whether the client prefers <paramref name="mediaType"/> to <paramref name="over"/> (a wildcard counts for both, so it prefers neither).</summary>
    public static bool Prefers(HttpRequest request, string mediaType, string over)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        var wanted = Quality(accepted, mediaType);
        return wanted > 0 && wanted > Quality(accepted, over);
    }

    /// <summary>The q-value the client gives a media type: its own entry's, else its type's wildcard's, else <c>*/*</c>'s.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType)
    {
        var type = mediaType.Split('/')[0];
        double? Of(Func<MediaTypeHeaderValue, bool> match)
            => accepted.Where(match).Select(a => a.Quality ?? 1.0).DefaultIfEmpty(-1).Max() is var q && q >= 0 ? q : null;

        return Of(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            ?? Of(a => a.SubType.Equals("*", StringComparison.Ordinal) && a.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
            ?? Of(a => a.MediaType.Equals("*/*", StringComparison.Ordinal))
            ?? 0;
    }
}
