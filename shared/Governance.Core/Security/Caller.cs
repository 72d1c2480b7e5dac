namespace Governance.Core.Security;

public enum CallerKind
{
    Anonymous,
    Staff,
    Developer,

    /// <summary>A machine client feeding a duty's data with an ingestion key (see <see cref="IngestionKeyVerifier"/>).</summary>
    IngestionClient,
}

/// <summary>Who made a request, as established by <see cref="ICallerAuthenticator"/>.</summary>
public sealed record Caller(CallerKind Kind, string? Subject, IReadOnlySet<string> Roles, string? DeveloperId)
{
    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>(StringComparer.Ordinal);

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, null, NoRoles, null);

    public static Caller Staff(string subject, IEnumerable<string> roles)
        => new(CallerKind.Staff, subject, new HashSet<string>(roles, StringComparer.Ordinal), null);

    public static Caller Developer(string developerId)
        => new(CallerKind.Developer, developerId, NoRoles, developerId);

    /// <summary>A feeder of <paramref name="source"/>'s data, named by its key's fingerprint: <c>{source}-ingestion:{fingerprint}</c>.</summary>
    public static Caller IngestionClient(string source, string keyFingerprint)
        => new(CallerKind.IngestionClient, $"{source.ToLowerInvariant()}-ingestion:{keyFingerprint}", NoRoles, null);

    public bool IsStaff => Kind == CallerKind.Staff;

    public bool IsDeveloper => Kind == CallerKind.Developer;

    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>The first of <paramref name="preferred"/> the caller holds: the role an audit entry records.</summary>
    public string? RoleAmong(IEnumerable<string> preferred) => preferred.FirstOrDefault(Roles.Contains);
}
