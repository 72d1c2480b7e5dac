using Governance.Core.Problems;

namespace Governance.Core.Claims;

/// <summary>
/// <c>received → rejected | under_review | approved → prepaid → recourse_open → recovered | written_off</c>;
/// a claim under review is approved or rejected by a reviewer. Nothing else moves a claim.
/// </summary>
public static class ClaimStateMachine
{
    private static readonly Dictionary<ClaimStatus, ClaimStatus[]> Allowed = new()
    {
        [ClaimStatus.Received] = [ClaimStatus.Rejected, ClaimStatus.UnderReview, ClaimStatus.Approved],
        [ClaimStatus.UnderReview] = [ClaimStatus.Approved, ClaimStatus.Rejected],
        [ClaimStatus.Approved] = [ClaimStatus.Prepaid],
        [ClaimStatus.Prepaid] = [ClaimStatus.RecourseOpen],
        [ClaimStatus.RecourseOpen] = [ClaimStatus.Recovered, ClaimStatus.WrittenOff],
        [ClaimStatus.Rejected] = [],
        [ClaimStatus.Recovered] = [],
        [ClaimStatus.WrittenOff] = [],
    };

    private static readonly Dictionary<string, ClaimStatus> ByWire =
        Enum.GetValues<ClaimStatus>().ToDictionary(ToWire, s => s, StringComparer.Ordinal);

    public static bool CanMove(ClaimStatus from, ClaimStatus to) => Allowed[from].Contains(to);

    /// <summary>Throws a 409 problem that names both states when the move is not allowed.</summary>
    public static void EnsureCanMove(ClaimStatus from, ClaimStatus to)
    {
        if (!CanMove(from, to))
        {
            throw GovernanceProblem.Conflict($"A claim that is {ToWire(from)} cannot become {ToWire(to)}.");
        }
    }

    /// <summary>Whether a claim in <paramref name="status"/> was approved (and so carries a ledger posting).</summary>
    public static bool IsApprovedOrLater(ClaimStatus status)
        => status is ClaimStatus.Approved or ClaimStatus.Prepaid or ClaimStatus.RecourseOpen or ClaimStatus.Recovered or ClaimStatus.WrittenOff;

    /// <summary>Whether the platform has paid and is still owed by the app.</summary>
    public static bool IsRecourseOutstanding(ClaimStatus status) => status is ClaimStatus.Prepaid or ClaimStatus.RecourseOpen;

    public static bool IsFinal(ClaimStatus status) => Allowed[status].Length == 0;

    public static string ToWire(ClaimStatus status) => status switch
    {
        ClaimStatus.Received => "received",
        ClaimStatus.Rejected => "rejected",
        ClaimStatus.UnderReview => "under_review",
        ClaimStatus.Approved => "approved",
        ClaimStatus.Prepaid => "prepaid",
        ClaimStatus.RecourseOpen => "recourse_open",
        ClaimStatus.Recovered => "recovered",
        ClaimStatus.WrittenOff => "written_off",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? value, out ClaimStatus status) => ByWire.TryGetValue(value ?? string.Empty, out status);

    public static ClaimStatus Parse(string? value)
        => TryParse(value, out var status) ? status : throw new FormatException($"'{value}' is not a claim status.");
}
