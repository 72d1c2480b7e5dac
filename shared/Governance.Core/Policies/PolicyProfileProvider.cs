using Microsoft.Extensions.Configuration;

namespace Governance.Core.Policies;

/// <summary>
/// Loads the configured profile once, at construction: an unknown id or an invalid file throws
/// <see cref="PolicyProfileException"/>, and <see cref="PolicyProfileStartupCheck"/> constructs it at start-up.
/// </summary>
public sealed class PolicyProfileProvider : IPolicyProfileProvider
{
    public const string Setting = "Governance:PolicyProfile";
    public const string DefaultProfile = "cn-2021-draft";

    public PolicyProfileProvider(IConfiguration configuration)
    {
        var id = configuration[Setting];
        Current = PolicyProfileLoader.LoadEmbedded(string.IsNullOrWhiteSpace(id) ? DefaultProfile : id.Trim());
    }

    public PolicyProfile Current { get; }
}
