using System.Security.Cryptography;
using System.Text;
using Governance.Core.Problems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Core.Security;

/// <summary>
/// The ingestion keys of one source (a duty's data feed, e.g. <c>Pricing</c>): setting <c>{Source}__IngestionKeys</c>,
/// <c>;</c>-separated so a new key can be added before a feeder switches and the old one removed after. Named
/// options, one name per source, validated when the host starts.
/// </summary>
public sealed class IngestionKeyOptions
{
    public string IngestionKeys { get; set; } = string.Empty;
}

/// <summary>
/// Machine clients that feed a duty's data (not people, not third-party developers): they present a key of their
/// source in <c>X-Api-Key</c>. Keys are kept only as SHA-256 digests and compared in constant time against every
/// configured key, so neither timing nor an early exit tells which key, or which prefix, came close.
/// </summary>
public sealed class IngestionKeyVerifier(IOptionsMonitor<IngestionKeyOptions> options)
{
    public const int MinKeyLength = 32;
    public const int MaxKeyLength = 256;

    /// <summary>What a 401 for a missing or wrong ingestion key challenges with.</summary>
    public const string Challenge = ApiKeyHeader.Challenge;

    private readonly Dictionary<string, (string Setting, byte[][] Digests)> _parsed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The caller a valid key of <paramref name="source"/> stands for; a 401 problem otherwise.</summary>
    public Caller Verify(string source, string? presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey))
        {
            throw GovernanceProblem.Unauthorized($"This endpoint needs an ingestion key in the {ApiKeyHeader.Name} header.", Challenge);
        }

        var key = presentedKey.Trim();
        var digests = DigestsOf(source);
        if (digests.Length == 0)
        {
            throw GovernanceProblem.Unauthorized($"No ingestion keys are configured for {source} on this deployment.", Challenge);
        }

        var presented = key.Length <= MaxKeyLength ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : new byte[32];
        var match = -1;
        for (var i = 0; i < digests.Length; i++)
        {
            // Every key is compared, whatever matched before: the time taken does not depend on which one matches.
            var equal = CryptographicOperations.FixedTimeEquals(presented, digests[i]);
            match = equal && match < 0 ? i : match;
        }

        if (match < 0 || key.Length > MaxKeyLength)
        {
            throw GovernanceProblem.Unauthorized("The ingestion key is not valid (unknown or rotated).", Challenge);
        }

        return Caller.IngestionClient(source, Fingerprint(digests[match]));
    }

    /// <summary>What is wrong with a setting's value, or null when it is a valid list (empty admits no key).</summary>
    public static string? Problem(string? setting)
    {
        var keys = Split(setting);
        if (keys.FirstOrDefault(k => k.Length is < MinKeyLength or > MaxKeyLength) is { } wrongLength)
        {
            return $"every key must be {MinKeyLength} to {MaxKeyLength} characters (one is {wrongLength.Length})";
        }

        if (keys.Any(k => k.Any(c => c is < '!' or > '~')))
        {
            return "keys are printable ASCII without spaces";
        }

        return keys.Distinct(StringComparer.Ordinal).Count() != keys.Count ? "a key is listed twice" : null;
    }

    /// <summary>The first 12 hex digits of the key's SHA-256: names the key in logs and the audit trail without revealing it.</summary>
    public static string Fingerprint(string key) => Fingerprint(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Fingerprint(byte[] digest) => Convert.ToHexStringLower(digest.AsSpan(0, 6));

    private byte[][] DigestsOf(string source)
    {
        var setting = options.Get(source).IngestionKeys ?? string.Empty;
        lock (_gate)
        {
            if (_parsed.TryGetValue(source, out var cached) && string.Equals(cached.Setting, setting, StringComparison.Ordinal))
            {
                return cached.Digests;
            }

            var digests = Problem(setting) is null ? Split(setting).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray() : [];
            _parsed[source] = (setting, digests);
            return digests;
        }
    }

    private static List<string> Split(string? setting)
        => (setting ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

public static class IngestionKeyServiceCollectionExtensions
{
    /// <summary>
    /// Declares a source of ingestion keys: <c>{source}__IngestionKeys</c> is bound and checked when the host starts
    /// (a malformed list stops it, naming the setting). Functions admit its keys with
    /// <c>[Access(Callers.IngestionKey, IngestionSource = source)]</c>.
    /// </summary>
    public static IServiceCollection AddIngestionKeySource(this IServiceCollection services, IConfiguration configuration, string source)
    {
        services.AddOptions<IngestionKeyOptions>(source).Bind(configuration.GetSection(source))
            .Validate(o => IngestionKeyVerifier.Problem(o.IngestionKeys) is null, $"{source}__IngestionKeys is invalid: keys are ';'-separated, "
                + $"{IngestionKeyVerifier.MinKeyLength} to {IngestionKeyVerifier.MaxKeyLength} printable ASCII characters without spaces, each listed once.")
            .ValidateOnStart();
        services.TryAddSingleton<IngestionKeyVerifier>();
        return services;
    }
}
