namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// <c>GET /api/onboarding/requests/{id}</c> (and the JSON report): the fields <c>requestId, status, decision?,
/// appId?, profile, findings, previousRequestId?</c>, then what the developer and staff also need to follow it.
/// <c>findings</c> are every rule the check applied, each <c>{ruleId, clause?, title, severity, status, evidence?:
/// {quote, location}, legalBasis, message}</c> with <c>title</c> and <c>message</c> in English and Chinese.
/// </summary>
public sealed record OnboardingRequestView(
    string RequestId,
    string Status,
    string? Decision,
    string? AppId,
    string Profile,
    IReadOnlyList<ClauseFinding> Findings,
    string? PreviousRequestId,
    string DeveloperId,
    string AppName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? ClauseLibraryVersion,
    OnboardingContractView Contract,
    string? Error,
    OnboardingOverrideView? Override);

/// <summary>The stored contract: its SHA-256 (the blob's name), the name it was sent under, the format its bytes showed, its size and pages.</summary>
public sealed record OnboardingContractView(string Sha256, string? FileName, string Format, long Length, int? PageCount);

/// <summary>The staff decision that replaced the check's, with its reason.</summary>
public sealed record OnboardingOverrideView(string Decision, string Reason, string PreviousStatus, DateTimeOffset At);

/// <summary>The 202 of a submission: follow the request at <see cref="StatusUrl"/> (absolute).</summary>
public sealed record OnboardingAccepted(string RequestId, string Status, string StatusUrl);

/// <summary>One request in a staff list (from the index rows).</summary>
public sealed record OnboardingRequestSummary(string RequestId, string DeveloperId, string AppName, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt);

/// <summary>One page of <c>GET /api/onboarding/requests</c>; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record OnboardingRequestPage(IReadOnlyList<OnboardingRequestSummary> Requests, string? ContinuationToken);
