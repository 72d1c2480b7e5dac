using System.Net;
using System.Net.Sockets;
using Governance.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Security;

/// <summary>The client address for per-client limits (see <see cref="ClientAddressResolver"/>).</summary>
public static class ClientAddress
{
    /// <summary>The request's client bucket, resolved with the app's <see cref="ClientAddressOptions"/>.</summary>
    public static string? From(HttpRequest request)
        => (request.HttpContext.RequestServices?.GetService<ClientAddressResolver>() ?? ClientAddressResolver.PeerOnly).Resolve(request);
}

/// <summary>
/// Derives the client of a request the way ASP.NET Core's forwarded-headers middleware does, with that
/// middleware's own code (<see cref="ForwardedHeadersMiddleware.ApplyForwarders"/>) run on a scratch context, so
/// the request itself is left as it came: starting from the socket peer, an <c>X-Forwarded-For</c> entry is
/// believed only while the address that added it is a configured proxy (<see cref="ClientAddressOptions"/>), and
/// for at most <c>ForwardLimit</c> entries from the end. With no proxies configured the peer is the client. An
/// entry that is not an address stops the walk there (never an error).
/// <para>
/// The result is a bucket: an IPv4 address, or for IPv6 the /64 network (<c>2001:db8:1:2::/64</c>), since one
/// subscriber is typically given a whole /64 and could otherwise take a new address per request.
/// </para>
/// <para>
/// On the Functions worker, the ASP.NET Core integration has already run the same middleware with its defaults
/// (loopback trusted, one hop) before any function: the peer seen here is then the last <c>X-Forwarded-For</c>
/// entry the Functions host passed on, and the rest of the header is what came before it.
/// </para>
/// </summary>
public sealed class ClientAddressResolver
{
    private readonly ForwardedHeadersMiddleware? _forwarders;

    public ClientAddressResolver(IOptions<ClientAddressOptions> options, ILoggerFactory loggers)
    {
        var settings = options.Value;
        if (!settings.TrustsProxies)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = settings.ForwardLimit };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.Proxies())
        {
            forwarded.KnownProxies.Add(proxy);
        }

        foreach (var network in settings.Networks())
        {
            forwarded.KnownIPNetworks.Add(network);
        }

        _forwarders = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, loggers, Options.Create(forwarded));
    }

    /// <summary>Trusts no proxy: the socket peer is the client.</summary>
    internal static ClientAddressResolver PeerOnly { get; } = new(Options.Create(new ClientAddressOptions()), NullLoggerFactory.Instance);

    public string? Resolve(HttpRequest request)
    {
        var connection = request.HttpContext.Connection;
        var client = connection.RemoteIpAddress;
        if (_forwarders is not null && client is not null && request.Headers.TryGetValue(HeaderNames.XForwardedFor, out var forwardedFor))
        {
            var scratch = new DefaultHttpContext();
            scratch.Connection.RemoteIpAddress = client;
            scratch.Connection.RemotePort = connection.RemotePort;
            scratch.Request.Headers[HeaderNames.XForwardedFor] = forwardedFor;
            _forwarders.ApplyForwarders(scratch);
            client = scratch.Connection.RemoteIpAddress ?? client;
        }

        return client is null ? null : Bucket(client);
    }

    /// <summary>IPv4 (also when mapped into IPv6) as is; IPv6 as its /64 network.</summary>
    public static string Bucket(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPNetwork(new IPAddress(bytes), 64).ToString();
    }

    private static class HeaderNames
    {
        public const string XForwardedFor = "X-Forwarded-For";
    }
}
