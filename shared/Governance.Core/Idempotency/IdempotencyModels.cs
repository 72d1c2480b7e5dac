namespace Governance.Core.Idempotency;

/// <summary>A response as first sent, replayed byte for byte to a repeated request.</summary>
/// <summary>A response kept for replay; <see cref="Location"/> is the created resource, when there is one.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, byte[] Body, string? Location = null);

/// <summary>Ownership of an idempotency key while the first request runs; pass it to complete or abandon.</summary>
public sealed record IdempotencyLease(string PartitionKey, string RowKey, Azure.ETag ETag);

/// <summary>Either the caller owns the key now (<see cref="Lease"/>) or the first response is replayed (<see cref="Replay"/>).</summary>
public sealed record IdempotencyBegin(IdempotencyLease? Lease, StoredResponse? Replay)
{
    public bool IsReplay => Replay is not null;
}

/// <summary>The response to send and whether it is a replay.</summary>
public sealed record IdempotentResult(StoredResponse Response, bool Replayed);

/// <summary>Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>
    /// How long a first request may hold its key. A duplicate arriving meanwhile gets a 409; after this the
    /// holder is presumed crashed and a duplicate may take the key over.
    /// </summary>
    public int PendingLeaseSeconds { get; set; } = 120;

    /// <summary>How long a completed response is kept for replay (recorded on the row for a clean-up job).</summary>
    public int RetentionDays { get; set; } = 7;
}
