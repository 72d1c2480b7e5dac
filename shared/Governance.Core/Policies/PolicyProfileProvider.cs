using Microsoft.Extensions.Options;

namespace Governance.Core.Policies;

/// <summary>
/// Loads the configured profile once, at construction: an unknown id or an invalid file throws
/// <see cref="PolicyProfileException"/>, and <see cref="PolicyProfileStartupCheck"/> constructs it at start-up.
/// </summary>
public sealed class PolicyProfileProvider(IOptions<PolicyProfileOptions> options) : IPolicyProfileProvider
{
    public const string DefaultProfile = PolicyProfileOptions.DefaultProfile;

    public PolicyProfile Current { get; } = PolicyProfileLoader.LoadEmbedded(options.Value.ProfileId);
}
