using System.Net;
using System.Net.Sockets;

namespace Governance.Core.Webhooks;

/// <summary>
/// Tells whether an address is publicly routable and may receive our webhooks. Loopback, private (RFC 1918,
/// unique local), link-local, shared (CGNAT), unspecified, multicast, documentation, benchmark and reserved
/// ranges are not, nor is the Azure platform endpoint 168.63.129.16 (wire server, DNS, health probes). IPv6
/// forms that embed an IPv4 address are judged by that address: IPv4-mapped (<c>::ffff:0:0/96</c>),
/// IPv4-translated (<c>::ffff:0:0:0/96</c>), IPv4-compatible (<c>::/96</c>), NAT64 with the well-known prefix
/// (<c>64:ff9b::/96</c>) and 6to4 (<c>2002::/16</c>). Forms whose IPv4 address cannot be read reliably are
/// refused outright: the local-use NAT64 prefix <c>64:ff9b:1::/48</c> (RFC 8215: translated inside the
/// operator's own network, with a prefix length we cannot know) and Teredo (<c>2001::/32</c>).
/// </summary>
public static class NetworkAddresses
{
    private static readonly IPNetwork[] NonPublicV4 = Parse(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "168.63.129.16/32");

    private static readonly IPNetwork[] NonPublicV6 = Parse(
        "::/128", "::1/128", "fe80::/10", "fec0::/10", "fc00::/7", "ff00::/8", "100::/64", "2001:db8::/32",
        "64:ff9b:1::/48", "2001::/32", "2001:10::/28", "2001:20::/28");

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork IPv4Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NonPublicV4.Any(n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || NonPublicV6.Any(n => n.Contains(address)))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || IPv4Translated.Contains(address) || IPv4Compatible.Contains(address))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }

        return true;
    }

    private static IPNetwork[] Parse(params string[] networks) => networks.Select(n => IPNetwork.Parse(n)).ToArray();
}
