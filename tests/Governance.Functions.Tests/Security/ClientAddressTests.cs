using System.Net;
using Governance.Core.Security;
using Governance.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Security;

/// <summary>How the client address for per-client limits is derived from the socket peer and <c>X-Forwarded-For</c>.</summary>
public sealed class ClientAddressTests
{
    private static string? Resolve(string peer, string? forwardedFor, string? knownProxies = null, string? knownNetworks = null, int forwardLimit = 1)
    {
        var resolver = new ClientAddressResolver(
            Options.Create(new ClientAddressOptions { KnownProxies = knownProxies, KnownNetworks = knownNetworks, ForwardLimit = forwardLimit }),
            NullLoggerFactory.Instance);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return resolver.Resolve(context.Request);
    }

    [Fact]
    public void With_no_proxies_configured_the_socket_peer_is_the_client_whatever_X_Forwarded_For_says()
        => Assert.Equal("198.51.100.20", Resolve("198.51.100.20", "203.0.113.1, 203.0.113.2"));

    [Fact]
    public void A_known_proxy_is_trusted_for_the_entry_it_appended_only()
        => Assert.Equal("203.0.113.2", Resolve("10.0.0.4", "203.0.113.1, 203.0.113.2", knownProxies: "10.0.0.4"));

    [Fact]
    public void A_peer_that_is_not_a_known_proxy_is_the_client()
        => Assert.Equal("10.0.0.5", Resolve("10.0.0.5", "203.0.113.1", knownProxies: "10.0.0.4"));

    [Fact]
    public void Known_networks_and_the_forward_limit_decide_how_many_hops_are_walked()
    {
        // client 203.0.113.9 → proxy 10.1.0.7 → proxy 10.0.0.4 → app; the client prepended a forged entry.
        const string header = "192.0.2.66, 203.0.113.9, 10.1.0.7";
        Assert.Equal("203.0.113.9", Resolve("10.0.0.4", header, knownNetworks: "10.0.0.0/8", forwardLimit: 2));
        Assert.Equal("10.1.0.7", Resolve("10.0.0.4", header, knownNetworks: "10.0.0.0/8", forwardLimit: 1));
        Assert.Equal("203.0.113.9", Resolve("10.0.0.4", header, knownNetworks: "10.0.0.0/8", forwardLimit: 5));
    }

    [Fact]
    public void Entries_with_ports_are_read_as_addresses()
    {
        Assert.Equal("203.0.113.7", Resolve("127.0.0.1", "203.0.113.7:5123", knownProxies: "127.0.0.1"));
        Assert.Equal("2001:db8:1:2::/64", Resolve("127.0.0.1", "[2001:db8:1:2::5]:443", knownProxies: "127.0.0.1"));
    }

    [Fact]
    public void IPv6_clients_share_one_bucket_per_64_bit_prefix()
    {
        Assert.Equal("2001:db8:1:2::/64", Resolve("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null));
        Assert.Equal(Resolve("2001:db8:1:2::1", null), Resolve("2001:db8:1:2:ffff::9", null));
        Assert.NotEqual(Resolve("2001:db8:1:2::1", null), Resolve("2001:db8:1:3::1", null));
    }

    [Fact]
    public void An_IPv4_mapped_peer_is_its_IPv4_address()
        => Assert.Equal("198.51.100.20", Resolve("::ffff:198.51.100.20", null));

    [Theory]
    [InlineData("\u0080\u0080\u0080")]
    [InlineData("999.1.1.1")]
    [InlineData("not an address, ,,")]
    [InlineData("")]
    public void A_malformed_entry_leaves_the_peer_as_the_client(string header)
        => Assert.Equal("127.0.0.1", Resolve("127.0.0.1", header.Length == 3 && header[0] == '\u0080' ? new string('\u0080', 171) : header, knownProxies: "127.0.0.1"));

    [Fact]
    public void Unparsable_settings_are_refused_at_start_up_naming_the_setting()
    {
        var result = new ClientAddressOptionsValidator().Validate(null, new ClientAddressOptions { KnownProxies = "10.0.0.x", KnownNetworks = "10.0.0.0/33", ForwardLimit = 0 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("ClientAddress__KnownProxies", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ClientAddress__KnownNetworks", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ClientAddress__ForwardLimit", StringComparison.Ordinal));
    }
}
