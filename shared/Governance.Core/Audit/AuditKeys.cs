using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Storage;

namespace Governance.Core.Audit;

/// <summary>
/// Where the audit log keeps what. In the <c>AuditLog</c> table each chain has its own partition
/// (<c>chain:{id}</c>) holding its entries (<c>e</c> + 19-digit sequence), its head (<c>head</c>), the marker rows
/// of record ids (<c>id|…</c>) and the resource index (<c>x|{SHA-256(resource)}|{sequence}</c>): everything one
/// append writes, so it commits in one transaction. Entries sort before the head, markers and index rows, so
/// ranges <c>e…</c> to <c>f</c> read entries only. The small <c>AuditChains</c> table, read by every verification,
/// holds the rest in three partitions: <c>directory</c> (one row per chain, <c>chain|{id}</c>, and one per shard
/// count a duty was written with, <c>shards|{duty}|{N}</c>), <c>checkpoints</c> (the last verified sequence and
/// hash per chain, row key = chain id) and <c>verification</c> (the full re-verification job).
/// </summary>
public static class AuditKeys
{
    public const string ChainPartitionPrefix = "chain:";
    public const string DirectoryPartition = "directory";
    public const string CheckpointPartition = "checkpoints";
    public const string VerificationPartition = "verification";
    public const string HeadRowKey = "head";
    public const string MarkerPrefix = "id|";
    public const string IndexPrefix = "x|";
    public const string DirectoryChainPrefix = "chain|";
    public const string DirectoryShardsPrefix = "shards|";

    public static string ChainPartition(string chain) => ChainPartitionPrefix + chain;

    public static string EntryRowKey(long sequence) => "e" + Digits(sequence);

    /// <summary>The first row key after every entry row (the head, markers and index rows sort after it).</summary>
    public const string AfterEntries = "f";

    public static string MarkerRowKey(string recordId) => MarkerPrefix + TableKey.FromInput(recordId);

    public static string IndexRowKey(string resource, long sequence) => IndexPrefix + Sha256(resource) + "|" + Digits(sequence);

    public static string DirectoryChainRowKey(string chain) => DirectoryChainPrefix + chain;

    public static string DirectoryShardsRowKey(string duty, int shards)
        => DirectoryShardsPrefix + duty + "|" + shards.ToString("D3", CultureInfo.InvariantCulture);

    public static string Digits(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
