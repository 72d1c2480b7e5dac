using Governance.Core.Security;

namespace Governance.Core.Audit;

/// <summary>Who did it: a staff member (subject + role), a developer, a webhook source, an ingestion client or the system itself.</summary>
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
        CallerKind.IngestionClient => new AuditActor("ingestion", caller.Subject!),
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

/// <summary>
/// A stored, chained entry: <c>Hash = SHA-256(PreviousHash + canonical entry)</c>. <see cref="Sequence"/> is the
/// entry's position in its <see cref="Chain"/> (1-based); the chain id is part of the hashed canonical form.
/// </summary>
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
    string Hash)
{
    /// <summary>The chain the entry belongs to (e.g. <c>claims.3</c>); see <see cref="AuditChains"/>.</summary>
    public string? Chain { get; init; }
}

/// <summary>The last entry of one chain: its sequence and hash (0 and the genesis hash for an empty chain).</summary>
public sealed record AuditChainHead(string Chain, long Sequence, string Hash);

/// <summary>
/// The head of the whole log: <see cref="Sequence"/> is the number of entries over all chains and
/// <see cref="Hash"/> the combined root of the chain heads (<see cref="AuditMerkle"/>); the genesis hash for an
/// empty log. <see cref="Heads"/> lists the heads the root covers, sorted by chain id.
/// </summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    public IReadOnlyList<AuditChainHead> Heads { get; init; } = [];

    public static AuditHead Of(IReadOnlyList<AuditChainHead> heads)
    {
        var covered = heads.Where(h => h.Sequence > 0).OrderBy(h => h.Chain, StringComparer.Ordinal).ToList();
        return new AuditHead(covered.Sum(h => h.Sequence), AuditMerkle.Root(covered)) { Heads = covered };
    }
}

public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Resource, string? ContinuationToken, int PageSize = 100);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? ContinuationToken);

/// <summary>
/// The result of verifying the log. Valid: <see cref="Entries"/> entries over all chains verify and
/// <see cref="HeadHash"/> is the combined root of the verified chain heads. Invalid: <see cref="Chain"/> breaks
/// at <see cref="FirstBrokenPosition"/> (1-based sequence in that chain); <see cref="Entries"/> and
/// <see cref="HeadHash"/> then describe that chain up to its last intact entry.
/// </summary>
public sealed record AuditVerification(bool Valid, long Entries, string HeadHash, long? FirstBrokenPosition = null, string? Reason = null)
{
    /// <summary>The chain where verification broke; null when valid.</summary>
    public string? Chain { get; init; }

    /// <summary>Entries appended beyond what this (bounded) verification reached; the next one goes on from there.</summary>
    public long UnverifiedEntries { get; init; }

    /// <summary>The last full re-verification (a queued job), or null when none was ever started.</summary>
    public AuditFullVerificationStatus? FullVerification { get; init; }

    public static AuditVerification Broken(AuditChainBreak broken) => new(false, broken.Position - 1, broken.LastGoodHash, broken.Position, broken.Reason)
    {
        Chain = broken.Chain,
    };
}

/// <summary>Where a chain breaks: the 1-based position, why, and the hash of the last intact entry before it.</summary>
public sealed record AuditChainBreak(string Chain, long Position, string Reason, string LastGoodHash);

/// <summary>
/// Anchored heads written outside the table (append blob), so truncating or rewriting the table is detectable:
/// <see cref="Hash"/> is the combined root over <see cref="Heads"/> and <see cref="Sequence"/> their entry count.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTimeOffset Time)
{
    public IReadOnlyList<AuditChainHead>? Heads { get; init; }
}
