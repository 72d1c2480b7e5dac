using System.Net;
using System.Net.Sockets;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

/// <summary>
/// A client that is not a configured proxy cannot choose its own rate-limit bucket with <c>X-Forwarded-For</c>.
/// The fixture trusts 127.0.0.1 (the tests' own client plays the proxy); this client connects from another
/// loopback address, so it is an ordinary client of the local host.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class SignUpClientAddressTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Eight_forwarded_for_values_from_one_untrusted_client_do_not_make_eight_accounts()
    {
        var source = IPAddress.Parse($"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(2, 255)}");
        using var client = ClientFrom(source);

        var created = 0;
        var refused = 0;
        for (var i = 0; i < 8; i++)
        {
            var request = Send(HttpMethod.Post, "api/developers", new { organization = $"Bucket chooser {i}", contactEmail = "x@example.com" });
            request.Headers.Add("X-Forwarded-For", UniqueClientAddress());
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                created++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                refused++;
            }
        }

        Assert.Equal(5, created);
        Assert.Equal(3, refused);
    }

    /// <summary>An HTTP client whose connections come from <paramref name="source"/> (any 127/8 address is loopback on Linux).</summary>
    private HttpClient ClientFrom(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = fixture.Client.BaseAddress };
    }
}
