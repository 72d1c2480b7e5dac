using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>
/// The HTTP handler for outbound webhooks: no redirects (a redirect could lead to an internal address), and
/// the connection is made only to an address the callback policy allows, resolved at connect time, so a DNS
/// answer that changes after the URL was checked (rebinding) cannot reach a private network.
/// </summary>
public static class CallbackHttpHandler
{
    public static SocketsHttpHandler Create(IHostAddressResolver resolver, IOptions<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await resolver.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = options.Value.AllowInsecureLocalCallbacks ? addresses : addresses.Where(NetworkAddresses.IsPublic).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"No allowed address for callback host '{context.DnsEndPoint.Host}'.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
