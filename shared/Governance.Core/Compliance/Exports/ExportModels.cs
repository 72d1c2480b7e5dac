using Governance.Core.Apps;
using Governance.Core.Policies;

namespace Governance.Core.Compliance.Exports;

/// <summary>Body of <c>POST /api/exports</c>.</summary>
public sealed record ExportRequest(
    IReadOnlyList<string?>? AssetIds,
    ExportRecipientRequest? Recipient,
    string? Purpose,
    string? Route,
    string? Reference,
    DateTimeOffset? ExpiresAt);

public sealed record ExportRecipientRequest(string? Name, string? Country);

/// <summary>Who receives the data abroad: a name and an ISO 3166-1 alpha-2 country.</summary>
public sealed record ExportRecipient(string Name, string Country);

/// <summary>An asset as the transfer carries it, as the catalog described it when the transfer was recorded.</summary>
public sealed record ExportedAsset(string AssetId, string Name, string Classification, long Individuals, bool Sensitive);

public static class ExportStatuses
{
    /// <summary>Recorded within the policy; in force until it expires.</summary>
    public const string Approved = "approved";

    /// <summary>Its approval ran out (the timer moves it here at <c>expiresAt</c>).</summary>
    public const string Expired = "expired";

    /// <summary>Deleted after its retention period: only the tombstone is left.</summary>
    public const string Deleted = "deleted";

    public static IReadOnlyList<string> All { get; } = [Approved, Expired, Deleted];
}

/// <summary>A cross-border transfer as the API shows it (after deletion, only the tombstone fields).</summary>
public sealed record ExportView(
    string ExportId,
    string Status,
    IReadOnlyList<string> AssetIds,
    ExportRecipient? Recipient,
    string? Purpose,
    string? Route,
    string? Reference,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    DateTimeOffset RetainUntil,
    string Profile)
{
    /// <summary>The assets as the catalog described them when the transfer was recorded.</summary>
    public IReadOnlyList<ExportedAsset> Assets { get; init; } = [];

    /// <summary>The individuals whose personal information the transfer carries (sum over its assets).</summary>
    public long Individuals { get; init; }

    /// <summary>The rules that applied to the transfer (and that it met), each with its citation.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>Open reasons to re-assess the approval (a raised classification, an approaching expiry).</summary>
    public IReadOnlyList<ReassessmentFlag> Flags { get; init; } = [];

    public DateTimeOffset? DeletedAt { get; init; }

    public string? DeletedBy { get; init; }
}

/// <summary>One page of exports.</summary>
public sealed record ExportPage(IReadOnlyList<ExportView> Exports, string? ContinuationToken);

/// <summary>The filters of <c>GET /api/exports</c> (each served from its index partition; several narrow one page).</summary>
public sealed record ExportFilter(string? Status, string? RecipientCountry, string? AssetId, string? Route);
