namespace Governance.Core.Idempotency;

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

    /// <summary>
    /// After a write failed unexpectedly (not a client fault), the key stays pending this long: a concurrent duplicate gets a 409 with <c>Retry-After</c>, a later retry
    /// takes the key over and runs the (re-run safe) write again.
    /// </summary>
    public int FailedRetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// How long a claimed write may run, whatever the client does. Kept inside the lease, so the holder has
    /// given up before anyone can take its key over.
    /// </summary>
    public TimeSpan WriteTimeout => TimeSpan.FromSeconds(Math.Max(1, PendingLeaseSeconds * 3 / 4));

    /// <summary>How long recording the response may take once the write is done.</summary>
    public static readonly TimeSpan CompleteTimeout = TimeSpan.FromSeconds(30);
}
