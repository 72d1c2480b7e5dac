using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Security;

/// <summary>
/// The client address for per-client limits. Behind the Functions front end the socket peer is the proxy, which
/// appends the real client to <c>X-Forwarded-For</c>; the last entry is the one our proxy added (earlier entries
/// come from the client and can be forged), so that is the one used.
/// </summary>
public static class ClientAddress
{
    public static string? From(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (!string.IsNullOrEmpty(last))
            {
                return StripPort(last);
            }
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }

    private static string StripPort(string value)
    {
        // "203.0.113.7:5123" → "203.0.113.7"; "[2001:db8::1]:443" → "2001:db8::1"; a bare IPv6 address is kept.
        if (value.StartsWith('[') && value.IndexOf(']', StringComparison.Ordinal) is > 0 and var end)
        {
            return value[1..end];
        }

        return value.Count(c => c == ':') == 1 ? value[..value.IndexOf(':', StringComparison.Ordinal)] : value;
    }
}
