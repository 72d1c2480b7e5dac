using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// Where observations live in the <c>pricing-observations</c> container: Hive partitions by UTC day, then by
/// product shard, <c>date=YYYY-MM-DD/shard=NNN/part-{content hash}.parquet</c>, so a scan of one shard of one day
/// lists and reads only its own files, and Spark or DuckDB (<c>hive_partitioning</c>) see <c>date</c> and
/// <c>shard</c> as columns. Bookkeeping lives under <c>_</c>-prefixed paths, which those engines skip.
/// </summary>
public static class ObservationPaths
{
    public const string LayoutName = "_layout.json";

    /// <summary>The shard of a product: XxHash3 (64-bit, seed 0) of its UTF-8 id, modulo the shard count.</summary>
    public static int ShardOf(string productId, int shardCount)
    {
        var length = Encoding.UTF8.GetMaxByteCount(productId.Length);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[512];
            var written = Encoding.UTF8.GetBytes(productId, bytes);
            return (int)(XxHash3.HashToUInt64(bytes[..written]) % (ulong)shardCount);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static DateOnly DayOf(DateTimeOffset observedAt) => DateOnly.FromDateTime(observedAt.UtcDateTime);

    public static string DayPrefix(DateOnly day) => "date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/";

    public static string ShardPrefix(DateOnly day, int shard) => DayPrefix(day) + "shard=" + shard.ToString("D3", CultureInfo.InvariantCulture) + "/";

    public static string SegmentName(DateOnly day, int shard, UInt128 contentHash) => ShardPrefix(day, shard) + "part-" + Hex(contentHash) + ".parquet";

    /// <summary>The claim log of observation ids stored in one day and shard (see <see cref="ObservationIdIndex"/>).</summary>
    public static string IndexName(DateOnly day, int shard)
        => "_index/" + DayPrefix(day) + "shard=" + shard.ToString("D3", CultureInfo.InvariantCulture) + ".ids";

    public static string Hex(UInt128 value) => value.ToString("x32", CultureInfo.InvariantCulture);
}
