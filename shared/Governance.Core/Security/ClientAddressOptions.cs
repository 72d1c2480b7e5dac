using System.Net;
using Microsoft.Extensions.Options;

namespace Governance.Core.Security;

/// <summary>
/// Section <c>ClientAddress</c>: which peers may tell us the client's address in <c>X-Forwarded-For</c>, in the
/// sense of ASP.NET Core's <c>ForwardedHeadersOptions</c>. With neither proxies nor networks configured, the
/// socket peer is the client and <c>X-Forwarded-For</c> is ignored: a client can never choose its own bucket.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string SectionName = "ClientAddress";
    public const int MaxForwardLimit = 10;

    /// <summary><c>;</c>- or <c>,</c>-separated addresses of trusted proxies (ForwardedHeadersOptions.KnownProxies).</summary>
    public string? KnownProxies { get; set; }

    /// <summary><c>;</c>- or <c>,</c>-separated CIDR networks of trusted proxies (ForwardedHeadersOptions.KnownIPNetworks).</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>How many <c>X-Forwarded-For</c> entries, from the end, may be walked through trusted proxies (ForwardLimit).</summary>
    public int ForwardLimit { get; set; } = 1;

    public IReadOnlyList<IPAddress> Proxies() => Split(KnownProxies).Select(IPAddress.Parse).ToList();

    public IReadOnlyList<IPNetwork> Networks() => Split(KnownNetworks).Select(n => IPNetwork.Parse(n)).ToList();

    public bool TrustsProxies => Split(KnownProxies).Any() || Split(KnownNetworks).Any();

    internal static IEnumerable<string> Split(string? value)
        => (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Refuses settings that do not parse, naming the setting, so a typo cannot silently trust nobody (or everybody).</summary>
public sealed class ClientAddressOptionsValidator : IValidateOptions<ClientAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAddressOptions options)
    {
        var failures = new List<string>();
        var badProxies = ClientAddressOptions.Split(options.KnownProxies).Where(p => !IPAddress.TryParse(p, out _)).ToList();
        if (badProxies.Count > 0)
        {
            failures.Add($"ClientAddress__KnownProxies must list IP addresses; not one: {string.Join(", ", badProxies)}.");
        }

        var badNetworks = ClientAddressOptions.Split(options.KnownNetworks).Where(n => !IPNetwork.TryParse(n, out _)).ToList();
        if (badNetworks.Count > 0)
        {
            failures.Add($"ClientAddress__KnownNetworks must list CIDR networks such as 10.0.0.0/8 (no host bits set); not one: {string.Join(", ", badNetworks)}.");
        }

        if (options.ForwardLimit is < 1 or > ClientAddressOptions.MaxForwardLimit)
        {
            failures.Add($"ClientAddress__ForwardLimit must be from 1 to {ClientAddressOptions.MaxForwardLimit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
