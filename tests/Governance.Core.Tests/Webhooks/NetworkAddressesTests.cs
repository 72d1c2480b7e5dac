using System.Net;
using Governance.Core.Webhooks;

namespace Governance.Core.Tests.Webhooks;

public sealed class NetworkAddressesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:0101::1")]
    [InlineData("::127.0.0.1")]
    public void Non_public_addresses_are_refused(string address)
        => Assert.False(NetworkAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address)
        => Assert.True(NetworkAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("168.63.129.16")] // the Azure platform endpoint (wire server, DNS, health probes)
    [InlineData("::ffff:168.63.129.16")]
    [InlineData("64:ff9b::a83f:8110")] // NAT64 (RFC 6052 well-known prefix) of 168.63.129.16
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254 (instance metadata)
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b:1::a00:1")] // RFC 8215 local-use NAT64 prefix: translated inside the operator's network
    [InlineData("64:ff9b:1:ffff::808:808")]
    [InlineData("::ffff:0:a00:1")] // IPv4-translated (SIIT) form of 10.0.0.1
    [InlineData("2001::a00:1")] // Teredo: an IPv4 tunnel endpoint hides behind it
    [InlineData("2002:a83f:8110::1")] // 6to4 of 168.63.129.16
    [InlineData("192.88.99.1")] // 6to4 relay anycast
    public void Azure_platform_and_IPv4_embedding_forms_of_refused_addresses_are_refused(string address)
        => Assert.False(NetworkAddresses.IsPublic(IPAddress.Parse(address)));
}
