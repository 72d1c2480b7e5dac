using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Audit;

/// <summary>
/// Reads and small writes of the audit table shared by appends, queries and both verifications (the layout is in
/// <see cref="AuditKeys"/>). Every read here costs one request per chain at most; none reads a whole chain except
/// <see cref="EntryRowsAsync"/>, whose callers bound the range.
/// </summary>
public sealed class AuditStore(TableServiceClient tables, TimeProvider time)
{
    public const int ReadConcurrency = 16;
    private static readonly TimeSpan ShardCountsLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, bool> _inDirectory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, IReadOnlyList<int> Counts)> _shardCounts = new(StringComparer.Ordinal);

    /// <summary>The log: one partition per chain (entries, head, markers, resource index).</summary>
    public TableClient Table { get; } = tables.GetTableClient(TableNames.AuditLog);

    /// <summary>The chain directory, the checkpoints and the full-verification job, apart from the growing log.</summary>
    public TableClient Chains { get; } = tables.GetTableClient(TableNames.AuditChains);

    /// <summary>
    /// Lists the chain and the shard count in the directory before the chain's first entry is written (once per
    /// process), so the directory never lacks a chain that has entries; a crash in between leaves an empty chain
    /// listed, which counts nothing.
    /// </summary>
    public async Task EnsureInDirectoryAsync(AuditChain chain, int shards, CancellationToken cancellationToken)
    {
        var shardsKey = AuditKeys.DirectoryShardsRowKey(chain.Duty, shards);
        if (!_inDirectory.ContainsKey(shardsKey))
        {
            await AddIfAbsentAsync(new TableEntity(AuditKeys.DirectoryPartition, shardsKey) { ["Duty"] = chain.Duty, ["Shards"] = shards, ["Since"] = time.GetUtcNow() }, cancellationToken);
            _inDirectory[shardsKey] = true;
            _shardCounts.TryRemove(chain.Duty, out _);
        }

        var chainKey = AuditKeys.DirectoryChainRowKey(chain.Id);
        if (!_inDirectory.ContainsKey(chainKey))
        {
            await AddIfAbsentAsync(new TableEntity(AuditKeys.DirectoryPartition, chainKey) { ["Chain"] = chain.Id, ["Duty"] = chain.Duty, ["Shard"] = chain.Shard, ["Since"] = time.GetUtcNow() }, cancellationToken);
            _inDirectory[chainKey] = true;
        }
    }

    /// <summary>Every chain id in the directory, sorted ordinally: one query over a partition of one row per chain.</summary>
    public async Task<IReadOnlyList<string>> ReadChainsAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AuditKeys.DirectoryPartition} and RowKey gt {AuditKeys.DirectoryChainPrefix} and RowKey lt {"chain}"}");
        var chains = new List<string>();
        await foreach (var row in Chains.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            chains.Add(row.RowKey[AuditKeys.DirectoryChainPrefix.Length..]);
        }

        return chains;
    }

    /// <summary>The shard counts (N) a duty has been written with; cached for a minute unless <paramref name="fresh"/>.</summary>
    public async Task<IReadOnlyList<int>> ShardCountsAsync(string duty, bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh && _shardCounts.TryGetValue(duty, out var cached) && time.GetUtcNow() - cached.ReadAt < ShardCountsLifetime)
        {
            return cached.Counts;
        }

        var prefix = AuditKeys.DirectoryShardsPrefix + duty + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AuditKeys.DirectoryPartition} and RowKey gt {prefix} and RowKey lt {AuditKeys.DirectoryShardsPrefix + duty + "}"}");
        var counts = new List<int>();
        await foreach (var row in Chains.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetInt32("Shards") is { } shards and >= 1)
            {
                counts.Add(shards);
            }
        }

        _shardCounts[duty] = (time.GetUtcNow(), counts);
        return counts;
    }

    public async Task<StoredHead> ReadHeadAsync(string chain, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(AuditKeys.ChainPartition(chain), AuditKeys.HeadRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } head
            ? new StoredHead(chain, head.GetInt64("Sequence") ?? 0, head.GetString("Hash") ?? AuditHashing.GenesisHash, head.GetDateTimeOffset("Time"), head.ETag)
            : new StoredHead(chain, 0, AuditHashing.GenesisHash, null, null);
    }

    /// <summary>The heads of <paramref name="chains"/>, in their order: one point read each, in parallel.</summary>
    public async Task<IReadOnlyList<StoredHead>> ReadHeadsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        var heads = new StoredHead[chains.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chains.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => heads[i] = await ReadHeadAsync(chains[i], ct));
        return heads;
    }

    /// <summary>The current combined head (root over every chain head): one directory query and one read per chain.</summary>
    public async Task<AuditHead> ReadRootAsync(CancellationToken cancellationToken)
    {
        var heads = await ReadHeadsAsync(await ReadChainsAsync(cancellationToken), cancellationToken);
        return AuditHead.Of([.. heads.Select(h => h.ToChainHead())]);
    }

    public async Task<TableEntity?> ReadRowAsync(string chain, string rowKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(AuditKeys.ChainPartition(chain), rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Entry rows of <paramref name="chain"/> from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.</summary>
    public IAsyncEnumerable<TableEntity> EntryRowsAsync(string chain, long from, long to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {AuditKeys.ChainPartition(chain)} and RowKey ge {AuditKeys.EntryRowKey(from)} and RowKey le {AuditKeys.EntryRowKey(to)}");
        return Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new Dictionary<string, StoredCheckpoint>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AuditKeys.CheckpointPartition}");
        await foreach (var row in Chains.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            checkpoints[row.RowKey] = new StoredCheckpoint(row.GetInt64("Sequence") ?? 0, row.GetString("Hash") ?? AuditHashing.GenesisHash, row.ETag);
        }

        return checkpoints;
    }

    /// <summary>
    /// Moves a chain's checkpoint forward to a verified entry, conditioned on the checkpoint read before the walk:
    /// when another verification moved it meanwhile, its value stands (it never moves back).
    /// </summary>
    public async Task AdvanceCheckpointAsync(string chain, long sequence, string hash, StoredCheckpoint? current, CancellationToken cancellationToken)
    {
        if (sequence <= (current?.Sequence ?? 0))
        {
            return;
        }

        var row = new TableEntity(AuditKeys.CheckpointPartition, chain) { ["Sequence"] = sequence, ["Hash"] = hash, ["VerifiedAt"] = time.GetUtcNow() };
        try
        {
            if (current?.ETag is { } etag)
            {
                await Chains.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Chains.AddEntityAsync(row, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another verification advanced it first.
        }
    }

    /// <summary>Every chain that has a head row, by scanning the table for head rows: for the full re-verification only.</summary>
    public async IAsyncEnumerable<string> ScanChainsWithHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {AuditKeys.ChainPartitionPrefix} and PartitionKey lt {"chain;"} and RowKey eq {AuditKeys.HeadRowKey}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return row.PartitionKey[AuditKeys.ChainPartitionPrefix.Length..];
        }
    }

    private async Task AddIfAbsentAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await Chains.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }
}

/// <summary>A chain's last verified sequence and hash as stored.</summary>
public sealed record StoredCheckpoint(long Sequence, string Hash, ETag? ETag);
