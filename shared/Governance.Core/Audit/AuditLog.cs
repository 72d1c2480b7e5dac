using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Audit;

/// <summary>
/// The audit log: several hash chains, each in its own partition with its own head row, so appends to different
/// chains never contend (the chain of a record is <see cref="AuditChains.Assign"/>; the layout is in
/// <see cref="AuditKeys"/>). An append inserts entry N+1 of its chain, its resource-index row and (with a record
/// id) its marker row, and replaces the chain's head If-Match its ETag, in one table transaction. Two appends
/// that read the same head both try to insert the same row key, so one fails (409; the stale head ETag would
/// fail it too, 412), and <see cref="ConflictRetry"/> runs it again on the new head. A chain therefore never
/// forks and no acknowledged entry is lost. Entry times never go back within a chain (an entry takes the later of
/// the clock and its predecessor's time), so each chain is ordered by time as well as by sequence.
/// <para>
/// Appends are idempotent in two ways. A record with a <see cref="AuditRecord.RecordId"/> also inserts a marker
/// row holding the entry's sequence: when the marker exists the event is in the log and its entry is returned
/// instead of appending it again (a retry after a lost response, a caller re-run after a crash, concurrent
/// duplicates). The marker is looked up in the record's chain and, after a change of <c>Audit__ChainShards</c>,
/// in the chain the resource had under each earlier shard count. Without an id, an append whose transaction
/// failed with a conflict checks whether the entry at its sequence is its own (the unhashed <c>AppendId</c>): the
/// SDK's retry of a transaction that committed but whose response was lost gets that conflict.
/// </para>
/// </summary>
public sealed class AuditLog(
    AuditStore store,
    AuditQueries queries,
    AuditVerifier verifier,
    AuditFullVerification fullVerification,
    IPolicyProfileProvider profiles,
    ConflictRetry retry,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditLog> logger) : IAuditLog
{
    public const string MarkerPrefix = AuditKeys.MarkerPrefix;
    public const string HeadRowKey = AuditKeys.HeadRowKey;
    public const int MaxRecordIdLength = 512;
    public const int MaxPageSize = AuditQueries.MaxPageSize;
    private const int MaxFieldLength = 1024;
    private const int MaxDetailsLength = 16 * 1024;

    public static string ChainPartition(string chain) => AuditKeys.ChainPartition(chain);

    public static string EntryRowKey(long sequence) => AuditKeys.EntryRowKey(sequence);

    public static string MarkerRowKey(string recordId) => AuditKeys.MarkerRowKey(recordId);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        Check(record);
        var details = record.Details ?? new Dictionary<string, string>();
        var detailsJson = JsonSerializer.Serialize(details.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Value));
        if (detailsJson.Length > MaxDetailsLength)
        {
            throw new ArgumentException($"Audit details must be at most {MaxDetailsLength} characters of JSON.", nameof(record));
        }

        var shards = options.Value.ChainShards;
        var chain = AuditChains.Assign(record.Resource, shards);
        await store.EnsureInDirectoryAsync(chain, shards, cancellationToken);
        var markerKey = record.RecordId is null ? null : MarkerRowKey(record.RecordId);
        if (markerKey is not null && await FindRecordedAnywhereAsync(chain, shards, markerKey, record, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        var appendId = Guid.NewGuid().ToString("N");
        var profile = profiles.Current.Id;
        return await retry.RunAsync(async (attempt, ct) =>
        {
            var head = await store.ReadHeadAsync(chain.Id, ct);
            var sequence = head.Sequence + 1;

            // Milliseconds survive any storage round trip, so the hash recomputed on read matches.
            var now = time.GetUtcNow();
            var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            if (head.Time is { } previousTime && previousTime > at)
            {
                at = previousTime;
            }

            var unhashed = new AuditEntry(sequence, at, record.Actor, record.Action, record.Resource, record.Outcome, record.Rule, profile, details, head.Hash, string.Empty)
            {
                Chain = chain.Id,
            };
            var entry = unhashed with { Hash = AuditHashing.ComputeHash(head.Hash, unhashed) };
            var row = AuditRows.ToRow(entry, detailsJson);
            row[AuditRows.AppendIdProperty] = appendId;
            var newHead = AuditRows.HeadRow(chain.Id, sequence, entry.Hash, at);
            var batch = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, row),
                head.ETag is { } etag
                    ? new(TableTransactionActionType.UpdateReplace, newHead, etag)
                    : new(TableTransactionActionType.Add, newHead),
                new(TableTransactionActionType.Add, AuditRows.IndexRow(entry)),
            };
            if (markerKey is not null)
            {
                batch.Add(new(TableTransactionActionType.Add, new TableEntity(ChainPartition(chain.Id), markerKey) { ["Sequence"] = sequence, ["RecordId"] = record.RecordId }));
            }

            try
            {
                await store.Table.SubmitTransactionAsync(batch, ct);
                return entry;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Either this very transaction committed and the conflict answers the SDK's retry of it, or the
                // event is in the log already (its marker exists), or another append extended the chain first.
                var existing = markerKey is not null
                    ? await FindRecordedAsync(chain.Id, markerKey, record, ct)
                    : await IsOwnEntryAsync(chain.Id, sequence, appendId, ct) ? entry : null;
                if (existing is not null)
                {
                    return existing;
                }

                if (attempt % 10 == 0)
                {
                    logger.LogInformation("Audit append for {Action} on {Resource} contended on chain {Chain} ({Attempt} attempts).", record.Action, record.Resource, chain.Id, attempt);
                }

                throw new ConcurrencyConflictException($"Audit chain {chain.Id}", ex);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// The combined head: entries over all chains and the Merkle root of the chain heads, with the heads. One
    /// directory query and one read per chain; what a compliance bundle records as its <c>auditRootHash</c>.
    /// </summary>
    public Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default) => store.ReadRootAsync(cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => queries.QueryAsync(query, cancellationToken);

    /// <summary>The incremental verification (bounded, see <see cref="AuditVerifier"/>) with the last full re-verification's status.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
        => await verifier.VerifyAsync(cancellationToken) with { FullVerification = await fullVerification.GetStatusAsync(cancellationToken) };

    /// <summary>The recorded entry for a marker in the record's chain or, after a change of the shard count, in the chain the resource had before.</summary>
    private async Task<AuditEntry?> FindRecordedAnywhereAsync(AuditChain chain, int shards, string markerKey, AuditRecord record, CancellationToken cancellationToken)
    {
        if (await FindRecordedAsync(chain.Id, markerKey, record, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        foreach (var earlier in (await store.ShardCountsAsync(chain.Duty, fresh: false, cancellationToken)).Where(n => n != shards))
        {
            var before = AuditChains.Assign(record.Resource, earlier);
            if (before.Id != chain.Id && await FindRecordedAsync(before.Id, markerKey, record, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The entry a marker row records in <paramref name="chain"/>, or null when there is none yet.</summary>
    private async Task<AuditEntry?> FindRecordedAsync(string chain, string markerKey, AuditRecord record, CancellationToken cancellationToken)
    {
        if (await store.ReadRowAsync(chain, markerKey, cancellationToken) is not { } marker)
        {
            return null;
        }

        var sequence = marker.GetInt64("Sequence")
            ?? throw new InvalidOperationException($"The audit marker for record '{record.RecordId}' has no sequence.");
        var stored = await store.ReadRowAsync(chain, EntryRowKey(sequence), cancellationToken)
            ?? throw new InvalidOperationException($"Audit record '{record.RecordId}' was appended as entry {sequence} of chain {chain}, which is missing.");
        var entry = AuditRows.FromRow(stored);
        if (!string.Equals(entry.Action, record.Action, StringComparison.Ordinal) || !string.Equals(entry.Resource, record.Resource, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Audit record id '{record.RecordId}' names entry {sequence} of chain {chain} ({entry.Action} on {entry.Resource}), not {record.Action} on {record.Resource}.");
        }

        return entry;
    }

    /// <summary>Whether the entry at <paramref name="sequence"/> was written by the append <paramref name="appendId"/>.</summary>
    private async Task<bool> IsOwnEntryAsync(string chain, long sequence, string appendId, CancellationToken cancellationToken)
        => await store.ReadRowAsync(chain, EntryRowKey(sequence), cancellationToken) is { } stored
            && string.Equals(stored.GetString(AuditRows.AppendIdProperty), appendId, StringComparison.Ordinal);

    private static void Check(AuditRecord record)
    {
        foreach (var (name, value) in new[] { ("actor.kind", record.Actor.Kind), ("actor.id", record.Actor.Id), ("action", record.Action), ("resource", record.Resource), ("outcome", record.Outcome) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxFieldLength)
            {
                throw new ArgumentException($"Audit field '{name}' must be non-empty and at most {MaxFieldLength} characters.", nameof(record));
            }
        }

        if (record.RecordId is { } recordId && (string.IsNullOrWhiteSpace(recordId) || recordId.Length > MaxRecordIdLength))
        {
            throw new ArgumentException($"An audit record id must be non-empty and at most {MaxRecordIdLength} characters.", nameof(record));
        }
    }
}
