namespace Governance.Core.Pricing.Observations;

/// <summary>A line the ingestion rejected, and why.</summary>
public sealed record RejectedLine(int Line, string Error);

/// <summary>
/// What an ingestion request did. <see cref="Accepted"/> counts distinct valid observations (a repeated
/// <c>observationId</c> within the request counts once); of these, <see cref="Stored"/> were written now and
/// <see cref="AlreadyStored"/> were stored by an earlier request. <see cref="Rejected"/> lists the first
/// <see cref="ObservationLimits.MaxReportedRejections"/> bad lines; <see cref="RejectedCount"/> counts them all.
/// </summary>
public sealed record IngestionResult(int Accepted, int Stored, int AlreadyStored, int RepeatedInRequest, IReadOnlyList<RejectedLine> Rejected, int RejectedCount);
