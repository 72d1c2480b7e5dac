namespace Governance.Core.Developers;

/// <summary>Section <c>SignUp</c>: how many sign-ups one client address may make per window.</summary>
public sealed class SignUpOptions
{
    public const string SectionName = "SignUp";

    public RateLimitSettings RateLimit { get; set; } = new();

    public sealed class RateLimitSettings
    {
        public int PermitLimit { get; set; } = 5;

        public int WindowSeconds { get; set; } = 3600;
    }
}
