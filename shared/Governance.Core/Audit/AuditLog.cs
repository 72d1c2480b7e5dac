using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Audit;

/// <summary>
/// The audit log in the <c>AuditLog</c> table: one partition holding the entries (RowKey <c>e</c> + 19-digit
/// sequence) and a head row (RowKey <c>head</c>) with the last sequence and hash. An append inserts entry N+1
/// and replaces the head If-Match its ETag in one table transaction. Two appends that read the same head both
/// try to insert the same row key, so one fails (409; the stale head ETag would fail it too, 412), reads the
/// new head and tries again. The chain therefore never forks and no acknowledged entry is lost.
/// <para>
/// Appends are idempotent in two ways. A record with a <see cref="AuditRecord.RecordId"/> also inserts, in the
/// same transaction, a marker row (RowKey <c>id|</c> + escaped id) holding the entry's sequence: when the marker
/// exists the event is in the log and its entry is returned instead of appending it again (a retry after a lost
/// response, a caller re-run after a crash, concurrent duplicates). Without an id, an append whose transaction
/// failed with a conflict checks whether the entry at its sequence is its own (the unhashed <c>AppendId</c>): the
/// SDK's retry of a transaction that committed but whose response was lost gets that conflict.
/// Markers sort after every entry (<c>e…</c>) and the head, outside the ranges the queries and the verify walk read.
/// </para>
/// </summary>
public sealed class AuditLog(
    TableServiceClient tables,
    IPolicyProfileProvider profiles,
    IAuditAnchorStore anchors,
    TimeProvider time,
    ILogger<AuditLog> logger) : IAuditLog
{
    public const string Partition = "chain";
    public const string HeadRowKey = "head";
    public const string MarkerPrefix = "id|";
    public const int MaxRecordIdLength = 512;
    public const int MaxPageSize = 1000;
    private const int MaxAppendAttempts = 200;
    private const int MaxFieldLength = 1024;
    private const int MaxDetailsLength = 16 * 1024;

    /// <summary>Unhashed entry property naming the append call that wrote it (recognising its own lost response).</summary>
    private const string AppendIdProperty = "AppendId";

    private readonly TableClient _table = tables.GetTableClient(TableNames.AuditLog);

    public static string EntryRowKey(long sequence) => "e" + sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static string MarkerRowKey(string recordId) => MarkerPrefix + TableKey.FromInput(recordId);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        Check(record);
        var details = record.Details ?? new Dictionary<string, string>();
        var detailsJson = JsonSerializer.Serialize(details.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Value));
        if (detailsJson.Length > MaxDetailsLength)
        {
            throw new ArgumentException($"Audit details must be at most {MaxDetailsLength} characters of JSON.", nameof(record));
        }

        var markerKey = record.RecordId is null ? null : MarkerRowKey(record.RecordId);
        if (markerKey is not null && await FindRecordedAsync(markerKey, record, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        var appendId = Guid.NewGuid().ToString("N");
        var profile = profiles.Current.Id;
        for (var attempt = 1; attempt <= MaxAppendAttempts; attempt++)
        {
            var headRow = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, HeadRowKey, cancellationToken: cancellationToken);
            var head = headRow.HasValue && headRow.Value is not null ? headRow.Value : null;
            var previousHash = head?.GetString("Hash") ?? AuditHashing.GenesisHash;
            var sequence = (head?.GetInt64("Sequence") ?? 0) + 1;

            // Milliseconds survive any storage round trip, so the hash recomputed on read matches.
            var now = time.GetUtcNow();
            var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var unhashed = new AuditEntry(sequence, at, record.Actor, record.Action, record.Resource, record.Outcome, record.Rule, profile, details, previousHash, string.Empty);
            var entry = unhashed with { Hash = AuditHashing.ComputeHash(previousHash, unhashed) };

            var newHead = new TableEntity(Partition, HeadRowKey) { ["Sequence"] = sequence, ["Hash"] = entry.Hash, ["Time"] = at };
            var row = ToRow(entry, detailsJson);
            row[AppendIdProperty] = appendId;
            var batch = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, row),
                head is null
                    ? new(TableTransactionActionType.Add, newHead)
                    : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
            };
            if (markerKey is not null)
            {
                batch.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, markerKey) { ["Sequence"] = sequence, ["RecordId"] = record.RecordId }));
            }

            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                return entry;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Either this very transaction committed and the conflict answers the SDK's retry of it, or the
                // event is in the log already (its marker exists), or another append extended the chain first.
                var existing = markerKey is not null
                    ? await FindRecordedAsync(markerKey, record, cancellationToken)
                    : await IsOwnEntryAsync(sequence, appendId, cancellationToken) ? entry : null;
                if (existing is not null)
                {
                    return existing;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(50, 2 + attempt * 2))), cancellationToken);
            }
        }

        logger.LogError("Audit append for {Action} on {Resource} stayed contended after {Attempts} attempts.", record.Action, record.Resource, MaxAppendAttempts);
        throw new InvalidOperationException($"The audit log stayed contended after {MaxAppendAttempts} attempts.");
    }

    /// <summary>The entry a marker row records for <paramref name="markerKey"/>, or null when there is none yet.</summary>
    private async Task<AuditEntry?> FindRecordedAsync(string markerKey, AuditRecord record, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, markerKey, cancellationToken: cancellationToken);
        if (!marker.HasValue || marker.Value is null)
        {
            return null;
        }

        var sequence = marker.Value.GetInt64("Sequence")
            ?? throw new InvalidOperationException($"The audit marker for record '{record.RecordId}' has no sequence.");
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntryRowKey(sequence), cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value is null)
        {
            throw new InvalidOperationException($"Audit record '{record.RecordId}' was appended as entry {sequence}, which is missing.");
        }

        var entry = FromRow(stored.Value);
        if (!string.Equals(entry.Action, record.Action, StringComparison.Ordinal) || !string.Equals(entry.Resource, record.Resource, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Audit record id '{record.RecordId}' names entry {sequence} ({entry.Action} on {entry.Resource}), not {record.Action} on {record.Resource}.");
        }

        return entry;
    }

    /// <summary>Whether the entry at <paramref name="sequence"/> was written by the append <paramref name="appendId"/>.</summary>
    private async Task<bool> IsOwnEntryAsync(long sequence, string appendId, CancellationToken cancellationToken)
    {
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, EntryRowKey(sequence), cancellationToken: cancellationToken);
        return stored.HasValue && stored.Value is not null && string.Equals(stored.Value.GetString(AppendIdProperty), appendId, StringComparison.Ordinal);
    }

    public async Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, HeadRowKey, cancellationToken: cancellationToken);
        return head.HasValue && head.Value is not null
            ? new AuditHead(head.Value.GetInt64("Sequence") ?? 0, head.Value.GetString("Hash") ?? AuditHashing.GenesisHash)
            : new AuditHead(0, AuditHashing.GenesisHash);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"must be between 1 and {MaxPageSize}."] });
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["from"] = ["must not be after 'to'."] });
        }

        var after = query.ContinuationToken is null ? 0 : ParseToken(query.ContinuationToken);
        // Entries only: the head ("head") and the markers ("id|…") sort after "f".
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {EntryRowKey(after)} and RowKey lt {"f"}"));
        if (query.From is { } fromTime)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Time ge {fromTime.ToUniversalTime()}"));
        }

        if (query.To is { } toTime)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Time lt {toTime.ToUniversalTime()}"));
        }

        if (!string.IsNullOrEmpty(query.Resource))
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Resource eq {query.Resource}"));
        }

        var entries = new List<AuditEntry>(query.PageSize);
        var more = false;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter.ToString(), maxPerPage: Math.Min(MaxPageSize, query.PageSize + 1), cancellationToken: cancellationToken))
        {
            if (entries.Count == query.PageSize)
            {
                more = true;
                break;
            }

            entries.Add(FromRow(row));
        }

        return new AuditPage(entries, more ? Token(entries[^1].Sequence) : null);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var anchored = new Dictionary<long, string>();
        await foreach (var anchor in anchors.ReadAllAsync(cancellationToken))
        {
            anchored[anchor.Sequence] = anchor.Hash;
        }

        // Anchors first, then the head, then entries up to the head: appends racing with the walk lie beyond it.
        var head = await GetHeadAsync(cancellationToken);
        var expected = 1L;
        var previousHash = AuditHashing.GenesisHash;
        // Entries only ("e" + 19 digits): the head and the markers ("id|…") sort after the last entry key.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {"e"} and RowKey le {EntryRowKey(head.Sequence)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            AuditEntry entry;
            try
            {
                entry = FromRow(row);
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or InvalidCastException)
            {
                return Broken(expected, previousHash, $"entry {expected} cannot be read.");
            }

            if (entry.Sequence != expected || row.RowKey != EntryRowKey(expected))
            {
                return Broken(expected, previousHash, $"entry {expected} is missing.");
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return Broken(expected, previousHash, $"entry {expected} does not link to entry {expected - 1}.");
            }

            if (!string.Equals(AuditHashing.ComputeHash(previousHash, entry), entry.Hash, StringComparison.Ordinal))
            {
                return Broken(expected, previousHash, $"entry {expected} does not match its hash.");
            }

            if (anchored.TryGetValue(expected, out var anchorHash) && !string.Equals(anchorHash, entry.Hash, StringComparison.Ordinal))
            {
                return Broken(expected, previousHash, $"entry {expected} differs from the anchored hash.");
            }

            previousHash = entry.Hash;
            expected++;
        }

        var count = expected - 1;
        if (head.Sequence != count || !string.Equals(head.Hash, previousHash, StringComparison.Ordinal))
        {
            return Broken(Math.Min(head.Sequence, count) + 1, previousHash, $"the head (entry {head.Sequence}) does not match the last entry ({count}).");
        }

        var beyond = anchored.Keys.Where(s => s > count).DefaultIfEmpty().Min();
        if (beyond > 0)
        {
            return Broken(count + 1, previousHash, $"an anchor records entry {beyond}, but the log ends at {count}.");
        }

        return new AuditVerification(true, count, previousHash);
    }

    private AuditVerification Broken(long position, string lastGoodHash, string reason)
    {
        logger.LogWarning("Audit chain verification failed at {Position}: {Reason}", position, reason);
        return new AuditVerification(false, position - 1, lastGoodHash, position, reason);
    }

    private static void Check(AuditRecord record)
    {
        foreach (var (name, value) in new[] { ("actor.kind", record.Actor.Kind), ("actor.id", record.Actor.Id), ("action", record.Action), ("resource", record.Resource), ("outcome", record.Outcome) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxFieldLength)
            {
                throw new ArgumentException($"Audit field '{name}' must be non-empty and at most {MaxFieldLength} characters.", nameof(record));
            }
        }

        if (record.RecordId is { } recordId
            && (string.IsNullOrWhiteSpace(recordId) || recordId.Length > MaxRecordIdLength))
        {
            throw new ArgumentException($"An audit record id must be non-empty and at most {MaxRecordIdLength} characters.", nameof(record));
        }
    }

    private static TableEntity ToRow(AuditEntry entry, string detailsJson) => new(Partition, EntryRowKey(entry.Sequence))
    {
        ["Sequence"] = entry.Sequence,
        ["Time"] = entry.Time,
        ["ActorKind"] = entry.Actor.Kind,
        ["ActorId"] = entry.Actor.Id,
        ["ActorRole"] = entry.Actor.Role,
        ["Action"] = entry.Action,
        ["Resource"] = entry.Resource,
        ["Outcome"] = entry.Outcome,
        ["Rule"] = entry.Rule,
        ["Profile"] = entry.Profile,
        ["Details"] = detailsJson,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
    };

    private static AuditEntry FromRow(TableEntity row) => new(
        row.GetInt64("Sequence") ?? throw new FormatException("Audit entry without a sequence."),
        row.GetDateTimeOffset("Time") ?? throw new FormatException("Audit entry without a time."),
        new AuditActor(row.GetString("ActorKind") ?? string.Empty, row.GetString("ActorId") ?? string.Empty, row.GetString("ActorRole")),
        row.GetString("Action") ?? string.Empty,
        row.GetString("Resource") ?? string.Empty,
        row.GetString("Outcome") ?? string.Empty,
        row.GetString("Rule"),
        row.GetString("Profile"),
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Details") ?? "{}") ?? [],
        row.GetString("PreviousHash") ?? string.Empty,
        row.GetString("Hash") ?? string.Empty);

    private static string Token(long sequence)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + sequence.ToString(CultureInfo.InvariantCulture)));

    private static long ParseToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("after:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
        }

        throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["is not a token this API returned."] });
    }
}
