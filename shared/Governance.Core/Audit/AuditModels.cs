using Governance.Core.Security;

namespace Governance.Core.Audit;

/// <summary>Who did it: a staff member (subject + role), a developer, a webhook source or the system itself.</summary>
public sealed record AuditActor(string Kind, string Id, string? Role = null)
{
    public static AuditActor Staff(string subject, string? role) => new("staff", subject, role);

    public static AuditActor Developer(string developerId) => new("developer", developerId);

    public static AuditActor Webhook(string source) => new("webhook", source);

    public static AuditActor System(string component) => new("system", component);

    /// <summary>
    /// The actor for an authenticated caller; <paramref name="role"/> is the role the action used. Without it, the
    /// caller's first role in the order operator, reviewer, auditor is recorded.
    /// </summary>
    public static AuditActor From(Caller caller, string? role = null) => caller.Kind switch
    {
        CallerKind.Staff => Staff(caller.Subject!, role ?? caller.RoleAmong(StaffRoles.All)),
        CallerKind.Developer => Developer(caller.DeveloperId!),
        _ => new AuditActor("anonymous", "anonymous"),
    };
}

/// <summary>What a duty asks to record.</summary>
public sealed record AuditRecord(
    AuditActor Actor,
    string Action,
    string Resource,
    string Outcome,
    string? Rule = null,
    IReadOnlyDictionary<string, string>? Details = null)
{
    /// <summary>
    /// Optional id of the logical event, the same on every retry of it (e.g. <c>claims/{id}:{transition id}</c>).
    /// With it the log appends the event at most once: appending an id already in the log returns the existing
    /// entry. It is kept outside the hashed entry, so entries with and without one chain alike.
    /// </summary>
    public string? RecordId { get; init; }
}

/// <summary>A stored, chained entry: <c>Hash = SHA-256(PreviousHash + canonical entry)</c>.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    AuditActor Actor,
    string Action,
    string Resource,
    string Outcome,
    string? Rule,
    string? Profile,
    IReadOnlyDictionary<string, string> Details,
    string PreviousHash,
    string Hash);

public sealed record AuditHead(long Sequence, string Hash);

public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Resource, string? ContinuationToken, int PageSize = 100);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? ContinuationToken);

/// <summary>The result of walking the chain. <see cref="FirstBrokenPosition"/> is the 1-based sequence where it breaks.</summary>
public sealed record AuditVerification(bool Valid, long Entries, string HeadHash, long? FirstBrokenPosition = null, string? Reason = null);

/// <summary>A head hash written outside the table (append blob), so truncating the table is detectable.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTimeOffset Time);
