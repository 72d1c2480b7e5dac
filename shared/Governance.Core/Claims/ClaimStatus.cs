namespace Governance.Core.Claims;

/// <summary>Claim states; on the wire and in storage in snake_case (<c>under_review</c>, <c>recourse_open</c>, ...).</summary>
public enum ClaimStatus
{
    Received,
    Rejected,
    UnderReview,
    Approved,
    Prepaid,
    RecourseOpen,
    Recovered,
    WrittenOff,
}
