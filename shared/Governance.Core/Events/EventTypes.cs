namespace Governance.Core.Events;

/// <summary>
/// The CloudEvents <c>type</c> of every event the app publishes. Data is JSON in camelCase; money is
/// <c>{"amount": int minor units, "currency": ISO 4217}</c>; times are RFC 3339 UTC. Schemas only grow:
/// a field is never removed or retyped, so consumers ignore fields they do not know.
/// The README's "Outbound domain events" section documents them for consumers.
/// </summary>
public static class EventTypes
{
    /// <summary>
    /// A disclosure version was published. Source <c>/governance/disclosures</c>, subject
    /// <c>{kind}/versions/{version}</c>, ordered per kind. Data: <c>kind</c> (platform-rules | privacy-policy |
    /// algorithm-strategy), <c>version</c> (int), <c>title</c>, <c>sha256</c> (hex of the Markdown),
    /// <c>publishedAt</c>, <c>effectiveFrom</c>, <c>status</c> (scheduled | effective).
    /// </summary>
    public const string DisclosurePublished = "governance.disclosure.published";

    /// <summary>
    /// An onboarding request was decided. Source <c>/governance/onboarding</c>, subject the request id.
    /// Data: <c>requestId</c>, <c>developerId</c>, <c>appId</c>, <c>decision</c> (approved | changes_requested |
    /// rejected), <c>decidedAt</c>, <c>profile</c> (policy profile id), <c>findings</c>
    /// (<c>[{rule, citation, clause?, message}]</c>).
    /// </summary>
    public const string OnboardingDecided = "governance.onboarding.decided";

    /// <summary>
    /// A third-party app was suspended. Source <c>/governance/apps</c>, subject the app id, ordered per app.
    /// Data: <c>appId</c>, <c>developerId</c> (optional), <c>reason</c>, <c>rule</c> (profile rule id, optional),
    /// <c>suspendedAt</c>.
    /// </summary>
    public const string AppSuspended = "governance.app.suspended";

    /// <summary>
    /// A payout instruction for an approved advance compensation. Source <c>/governance/claims</c>, event id
    /// and subject = the claim id (payments deduplicate on it), ordered per claim. Data: <c>claimId</c>,
    /// <c>userId</c> (pseudonymous), <c>appId</c>, <c>amount</c> (money), <c>approvedAt</c>, <c>rule</c>.
    /// </summary>
    public const string CompensationPrepaid = "governance.compensation.prepaid";

    /// <summary>
    /// A prepaid claim was recovered in full from the app that caused it. Source <c>/governance/claims</c>, subject
    /// the claim id, event id <c>{claimId}:recovered</c>, ordered per claim. Data: <c>claimId</c>, <c>appId</c>, <c>amount</c> (money recovered for this
    /// claim), <c>settlementReference</c>, <c>recoveredAt</c>.
    /// </summary>
    public const string CompensationRecovered = "governance.compensation.recovered";

    /// <summary>
    /// Discriminatory pricing was found. Source <c>/governance/pricing</c>, subject the finding id, ordered per
    /// scan. Data: <c>findingId</c>, <c>scanId</c>, <c>itemId</c>, <c>attribute</c> (the user attribute prices
    /// differ by), <c>lowestPrice</c> and <c>highestPrice</c> (money), <c>observations</c> (int),
    /// <c>rule</c>, <c>citation</c>, <c>detectedAt</c>.
    /// </summary>
    public const string PricingFinding = "governance.pricing.finding";

    /// <summary>
    /// An incident's reporting, notification or summary deadline is near (the profile's share of its time is left)
    /// and nothing has met it yet. Source <c>/governance/incidents</c>, subject the incident id, event id
    /// <c>{incidentId}:{duty}:approaching</c> (once per incident and deadline), ordered per incident. Data:
    /// <c>incidentId</c>, <c>duty</c>, <c>authority</c>, <c>dueAt</c>, <c>rule</c>, <c>citation</c>, <c>severity</c>,
    /// <c>operatorType</c>, <c>detectedAt</c>, <c>raisedAt</c>.
    /// </summary>
    public const string IncidentDeadlineApproaching = "governance.incident.deadline_approaching";

    /// <summary>
    /// An incident deadline passed without the action that meets it (or that action came late). Source
    /// <c>/governance/incidents</c>, subject the incident id, event id <c>{incidentId}:{duty}:missed</c> (once per
    /// incident and deadline), ordered per incident. Data: as <see cref="IncidentDeadlineApproaching"/>.
    /// </summary>
    public const string IncidentDeadlineMissed = "governance.incident.deadline_missed";

    public static IReadOnlyList<string> All { get; } =
    [
        DisclosurePublished,
        OnboardingDecided,
        AppSuspended,
        CompensationPrepaid,
        CompensationRecovered,
        PricingFinding,
        IncidentDeadlineApproaching,
        IncidentDeadlineMissed,
    ];
}
