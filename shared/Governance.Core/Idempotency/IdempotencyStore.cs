using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Microsoft.Extensions.Options;

namespace Governance.Core.Idempotency;

/// <summary>
/// Idempotency keys in the <c>Idempotency</c> table, one row per (scope, key) in its own partition.
/// The first request claims a key by inserting a pending row (insert-if-absent: the table's 409 decides the
/// race, never a read-then-write), then stores its response. A repeat with the same request hash replays that
/// response; with a different hash it is a 422; while the first is still running it is a 409 with
/// <c>Retry-After</c> (no waiting: the client retries, as it would after any conflict). A pending row whose
/// lease ran out belongs to a crashed request and is taken over with an ETag-conditioned update.
/// <para>
/// Once the action has run, its effect exists, so recording the response must not fail the request: bodies
/// too large for the row go to <see cref="IIdempotencyBodyStore"/>; if even that fails, the key is completed
/// with status and <c>Location</c> only (a replay answers those without a body). Neither the action nor the
/// recording of its response listens to the client: a client hanging up mid-write cannot stop the write half
/// way, nor leave its key released or pending while the effect exists.
/// </para>
/// <para>
/// When the action throws, only a client fault releases the key; any other failure keeps it pending briefly, and
/// the retry after that runs the write again: writes are safe to run again under their operation id (see
/// <c>IdempotentPost</c>).
/// </para>
/// </summary>
public sealed class IdempotencyStore(
    TableServiceClient tables,
    IOptions<IdempotencyOptions> options,
    TimeProvider time,
    ConflictRetry retry,
    IIdempotencyBodyStore? bodies = null)
{
    public const int MaxKeyLength = 256;
    private const string RowKey = "r";
    internal const string Pending = "pending";
    internal const string Completed = "completed";

    /// <summary>Table properties hold at most 64 KiB each; a body is split over several.</summary>
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 14;
    private const int MaxInlineBytes = ChunkBytes * MaxChunks;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Idempotency);

    public static string HashRequest(ReadOnlySpan<byte> body, params string[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }

        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Runs <paramref name="action"/> once per key; repeats get the first response. <paramref name="cancellationToken"/>
    /// (the client's) only stops a request that has not started: once the key is being claimed, the action and the
    /// recording of its response run to completion (bounded by <see cref="IdempotencyOptions.WriteTimeout"/>), so a
    /// client hanging up can never leave half a write behind a released key. When the action throws, a client fault
    /// (a <see cref="GovernanceProblem"/>, raised before anything is written) releases the key, so a corrected retry
    /// works; any other failure may have left an effect, so the key stays pending for
    /// <see cref="IdempotencyOptions.FailedRetryAfterSeconds"/> (a timed-out write: for the rest of its lease), then a
    /// retry takes it over and runs the action again, which must therefore be safe to repeat.
    /// </summary>
    public async Task<IdempotentResult> ExecuteAsync(
        string scope,
        string key,
        string requestHash,
        Func<CancellationToken, Task<StoredResponse>> action,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(options.Value.WriteTimeout, time);
        var begin = await BeginAsync(scope, key, requestHash, timeout.Token);
        if (begin.Replay is { } replay)
        {
            return new IdempotentResult(replay, Replayed: true);
        }

        StoredResponse response;
        try
        {
            response = await action(timeout.Token);
        }
        catch (Exception ex)
        {
            await ReleaseAfterFailureAsync(begin.Lease!, ex, timedOut: timeout.IsCancellationRequested);
            throw;
        }

        await RecordAsync(begin.Lease!, response);
        return new IdempotentResult(response, Replayed: false);
    }

    private async Task ReleaseAfterFailureAsync(IdempotencyLease lease, Exception failure, bool timedOut)
    {
        using var timeout = new CancellationTokenSource(IdempotencyOptions.CompleteTimeout, time);
        try
        {
            if (failure is GovernanceProblem)
            {
                await AbandonAsync(lease, timeout.Token);
            }
            else if (!timedOut)
            {
                // Storage writes of a timed-out action may still land: its key keeps the rest of its lease.
                await ShortenLeaseAsync(lease, TimeSpan.FromSeconds(options.Value.FailedRetryAfterSeconds), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            // The key stays pending until its lease runs out, then a retry takes it over; the original error matters more.
        }
    }

    private async Task ShortenLeaseAsync(IdempotencyLease lease, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var row = new TableEntity(lease.PartitionKey, lease.RowKey) { ["LeaseExpiresAt"] = time.GetUtcNow().Add(holdFor) };
        try
        {
            await _table.UpdateEntityAsync(row, lease.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Taken over or gone already: nothing of ours to shorten.
        }
    }

    /// <summary>
    /// Claims the key (a pending row, insert-if-absent), or answers for the row that holds it: the stored response, a
    /// 422 for another request, a 409 while its holder runs. A row whose holder gave up (its lease ran out) is taken
    /// over with an ETag-conditioned replace; losing that race (or finding the row gone) looks again under
    /// <see cref="ConflictRetry"/>.
    /// </summary>
    public Task<IdempotencyBegin> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var partitionKey = PartitionKeyFor(scope, key);
        return retry.RunAsync(async (_, ct) =>
        {
            var now = time.GetUtcNow();
            var claim = new TableEntity(partitionKey, RowKey)
            {
                ["Scope"] = scope,
                ["RequestHash"] = requestHash,
                ["State"] = Pending,
                ["CreatedAt"] = now,
                ["LeaseExpiresAt"] = now.AddSeconds(options.Value.PendingLeaseSeconds),
                ["ExpiresAt"] = now.AddDays(options.Value.RetentionDays),
            };

            try
            {
                var added = await _table.AddEntityAsync(claim, ct);
                return new IdempotencyBegin(new IdempotencyLease(partitionKey, RowKey, added.Headers.ETag ?? ETag.All), null);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var found = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: ct);
            var existing = found.HasValue && found.Value is not null
                ? found.Value
                : throw new ConcurrencyConflictException($"Idempotency key '{key}'"); // abandoned between our insert and read: claim it again
            if (!string.Equals(existing.GetString("RequestHash"), requestHash, StringComparison.Ordinal))
            {
                throw GovernanceProblem.Unprocessable(
                    $"The idempotency key '{key}' was already used with a different request; use a new key for a new request.");
            }

            if (existing.GetString("State") == Completed)
            {
                return new IdempotencyBegin(null, await ReadResponseAsync(existing, ct));
            }

            var leaseEnd = existing.GetDateTimeOffset("LeaseExpiresAt") ?? DateTimeOffset.MinValue;
            if (leaseEnd > now)
            {
                throw InFlight(key, leaseEnd - now);
            }

            try
            {
                claim["CreatedAt"] = existing.GetDateTimeOffset("CreatedAt") ?? now;
                var taken = await _table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, ct);
                return new IdempotencyBegin(new IdempotencyLease(partitionKey, RowKey, taken.Headers.ETag ?? ETag.All), null);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                throw new ConcurrencyConflictException($"Idempotency key '{key}'", ex); // someone else took over (or abandoned) first
            }
        }, cancellationToken);
    }

    /// <summary>Stores the response for replay. False when the lease was lost (expired and taken over) meanwhile.</summary>
    public async Task<bool> CompleteAsync(IdempotencyLease lease, StoredResponse response, CancellationToken cancellationToken = default)
    {
        var row = CompletedRow(lease, response);
        if (response.Body.Length > MaxInlineBytes)
        {
            if (bodies is null)
            {
                row["BodyOmitted"] = true;
            }
            else
            {
                row["BodyBlob"] = await bodies.PutAsync(lease.PartitionKey, response.Body, cancellationToken);
            }
        }
        else
        {
            WriteBody(row, response.Body);
        }

        return await TryCompleteAsync(lease, row, cancellationToken);
    }

    /// <summary>
    /// Records the response after the write has happened: the full body if possible, else status and Location
    /// only. Never throws; if the table itself refuses (or does not answer in time), the key stays pending until
    /// its lease runs out.
    /// </summary>
    private async Task RecordAsync(IdempotencyLease lease, StoredResponse response)
    {
        using var timeout = new CancellationTokenSource(IdempotencyOptions.CompleteTimeout, time);
        try
        {
            await CompleteAsync(lease, response, timeout.Token);
            return;
        }
        catch (Exception) when (!timeout.IsCancellationRequested)
        {
            // The body could not be kept (blob or row refused it): fall back to status and Location.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var row = CompletedRow(lease, response);
            row["BodyOmitted"] = true;
            await TryCompleteAsync(lease, row, timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            // Storage is refusing writes: the effect exists and the client gets its answer now; the key is
            // taken over after its lease, which is the best that can be done without storage.
        }
    }

    private TableEntity CompletedRow(IdempotencyLease lease, StoredResponse response) => new(lease.PartitionKey, lease.RowKey)
    {
        ["State"] = Completed,
        ["StatusCode"] = response.StatusCode,
        ["ContentType"] = response.ContentType ?? string.Empty,
        ["Location"] = response.Location ?? string.Empty,
        ["CompletedAt"] = time.GetUtcNow(),
        ["BodyChunks"] = 0,
    };

    private async Task<bool> TryCompleteAsync(IdempotencyLease lease, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(row, lease.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Releases the key after a failure, so a retry runs the request again.</summary>
    public async Task AbandonAsync(IdempotencyLease lease, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(lease.PartitionKey, lease.RowKey, lease.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Taken over or gone already: nothing of ours to release.
        }
    }

    public static string PartitionKeyFor(string scope, string key)
    {
        if (string.IsNullOrEmpty(scope) || scope.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("An idempotency scope is a non-empty constant without '|'.", nameof(scope));
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw GovernanceProblem.BadRequest("The idempotency key is empty.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw GovernanceProblem.BadRequest($"The idempotency key must be at most {MaxKeyLength} characters.");
        }

        return TableKey.FromInput(scope) + "|" + TableKey.FromInput(key);
    }

    private static GovernanceProblem InFlight(string key, TimeSpan retryAfter)
    {
        var problem = GovernanceProblem.Conflict($"A request with idempotency key '{key}' is still being processed; retry shortly to get its response.");
        var seconds = Math.Clamp((int)Math.Ceiling(retryAfter.TotalSeconds), 1, 5);
        problem.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem;
    }

    private static void WriteBody(TableEntity row, byte[] body)
    {
        var chunks = (body.Length + ChunkBytes - 1) / ChunkBytes;
        row["BodyChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[$"Body{i}"] = body.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, body.Length - (i * ChunkBytes))).ToArray();
        }
    }

    private async Task<StoredResponse> ReadResponseAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var contentType = row.GetString("ContentType");
        var location = row.GetString("Location");
        byte[] body;
        var blob = row.GetString("BodyBlob");
        if (!string.IsNullOrEmpty(blob) && bodies is not null)
        {
            body = await bodies.GetAsync(blob, cancellationToken) ?? [];
        }
        else
        {
            var chunks = row.GetInt32("BodyChunks") ?? 0;
            var collected = new List<byte>();
            for (var i = 0; i < chunks; i++)
            {
                collected.AddRange(row.GetBinary($"Body{i}") ?? []);
            }

            body = [.. collected];
        }

        return new StoredResponse(
            row.GetInt32("StatusCode") ?? 200,
            row.GetBoolean("BodyOmitted") == true || string.IsNullOrEmpty(contentType) ? null : contentType,
            body,
            string.IsNullOrEmpty(location) ? null : location);
    }
}
