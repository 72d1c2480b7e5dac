namespace Governance.Core.Policies;

/// <summary>
/// <c>Governance__PolicyProfile</c>: the id of the active policy profile (empty = <see cref="DefaultProfile"/>). The
/// profile itself is loaded and checked when the host starts (<see cref="PolicyProfileStartupCheck"/>): an unknown id
/// or an invalid file stops it with a <see cref="PolicyProfileException"/> naming the id.
/// </summary>
public sealed class PolicyProfileOptions
{
    public const string SectionName = "Governance";
    public const string DefaultProfile = "cn-2021-draft";

    public string? PolicyProfile { get; set; }

    public string ProfileId => string.IsNullOrWhiteSpace(PolicyProfile) ? DefaultProfile : PolicyProfile.Trim();
}
