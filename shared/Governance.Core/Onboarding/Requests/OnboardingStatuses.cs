using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// The statuses of an onboarding request (wire form): <c>pending → checking → approved | changes_requested |
/// rejected</c>, or <c>error</c> when the check could not be completed. A decided or failed request changes only
/// by a staff override (to <c>approved</c> or <c>rejected</c>).
/// </summary>
public static class OnboardingStatuses
{
    public const string Pending = "pending";
    public const string Checking = "checking";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes_requested";
    public const string Rejected = "rejected";
    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Pending, Checking, Approved, ChangesRequested, Rejected, Error];

    /// <summary>Statuses a decision (the check's or a staff override's) leaves a request in.</summary>
    public static IReadOnlyList<string> Decisions { get; } = [Approved, ChangesRequested, Rejected];

    /// <summary>The check has not finished: nothing but the check may change the request.</summary>
    public static bool IsOpen(string status) => status is Pending or Checking;

    public static string Of(OnboardingOutcome outcome) => outcome switch
    {
        OnboardingOutcome.Approved => Approved,
        OnboardingOutcome.ChangesRequested => ChangesRequested,
        _ => Rejected,
    };
}

/// <summary>
/// Request ids (<c>onb_</c> + 24 hex digits) derived from the submission's operation id, so a retried submission
/// under the same <c>Idempotency-Key</c> names the same request; an app onboarded by a chain of requests gets
/// <c>app_</c> + the digits of the chain's first request.
/// </summary>
public static partial class OnboardingIds
{
    public const string Prefix = "onb_";

    public static string RequestIdFor(string operationId)
        => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("onboarding-request|" + operationId)))[..24];

    /// <summary>Whether <paramref name="value"/> has the shape of a request id (anything else is simply not found).</summary>
    public static bool IsRequestId(string? value) => value is not null && Shape().IsMatch(value);

    public static string AppIdFor(string firstRequestId) => "app_" + firstRequestId[Prefix.Length..];

    [GeneratedRegex("^onb_[0-9a-f]{24}$")]
    private static partial Regex Shape();
}
