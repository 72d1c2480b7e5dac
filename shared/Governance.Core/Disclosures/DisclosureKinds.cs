using Governance.Core.Problems;

namespace Governance.Core.Disclosures;

/// <summary>The three documents a platform must disclose; each is the <c>{kind}</c> path segment and its own version line.</summary>
public static class DisclosureKinds
{
    public const string PlatformRules = "platform-rules";
    public const string PrivacyPolicy = "privacy-policy";
    public const string AlgorithmStrategy = "algorithm-strategy";

    public static IReadOnlyList<string> All { get; } = [PlatformRules, PrivacyPolicy, AlgorithmStrategy];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>The kind itself, or a 404 problem: an unknown kind is a resource that does not exist.</summary>
    public static string Require(string? kind)
        => IsKnown(kind)
            ? kind!
            : throw GovernanceProblem.NotFound($"There is no disclosure kind '{kind}'. Kinds: {string.Join(", ", All)}.");

    /// <summary>How a person reads the kind's name.</summary>
    public static string DisplayName(string kind) => kind switch
    {
        PlatformRules => "Platform rules",
        PrivacyPolicy => "Privacy policy",
        AlgorithmStrategy => "Algorithm strategy",
        _ => kind,
    };
}
