using System.Text;
using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Pricing.Scanning;

/// <summary>The counts of one shard's part of a scan.</summary>
public sealed record ShardCounts(long Observations, long Cells, long Tests, int Candidates);

/// <summary>
/// The persisted tests of one shard: a header with its counts, then one record per test in descending p-value
/// order (<c>p: double | 0</c>, or <c>p | 1 | length: int32 | candidate as UTF-8 JSON</c>). The finalizer merges the
/// shards' records in that order, which is all the Benjamini–Hochberg step-up needs, holding one record per shard.
/// </summary>
internal static class ShardResultFile
{
    private const string Magic = "PSR1";

    /// <summary>Bytes of the header: magic, shard, and the counts.</summary>
    public const int HeaderLength = 4 + 4 + 8 + 8 + 8 + 4;

    /// <summary>The counts in a result's header (at least <see cref="HeaderLength"/> bytes of it).</summary>
    public static ShardCounts ReadCounts(byte[] header)
    {
        using var reader = new Reader(new MemoryStream(header, writable: false));
        reader.ReadHeader();
        return reader.Counts;
    }

    public static byte[] Write(int shard, ShardCounts counts, ShardTests tests)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(shard);
            writer.Write(counts.Observations);
            writer.Write(counts.Cells);
            writer.Write(counts.Tests);
            writer.Write(counts.Candidates);
            var order = Enumerable.Range(0, tests.Tests.Count).OrderByDescending(i => tests.Tests[i].PValue).ThenBy(i => i);
            foreach (var i in order)
            {
                var (p, candidate) = tests.Tests[i];
                writer.Write(p);
                writer.Write(candidate >= 0);
                if (candidate >= 0)
                {
                    var json = JsonSerializer.SerializeToUtf8Bytes(tests.Candidates[candidate], GovernanceJson.Options);
                    writer.Write(json.Length);
                    writer.Write(json);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a shard's records one at a time from a sequential stream.</summary>
    public sealed class Reader(Stream stream) : IDisposable
    {
        private readonly BinaryReader _reader = new(stream, Encoding.UTF8, leaveOpen: false);
        private long _remaining;

        public int Shard { get; private set; }

        public ShardCounts Counts { get; private set; } = new(0, 0, 0, 0);

        public double PValue { get; private set; }

        public TestCandidate? Candidate { get; private set; }

        public void ReadHeader()
        {
            if (Encoding.ASCII.GetString(_reader.ReadBytes(4)) != Magic)
            {
                throw new InvalidDataException("Not a pricing shard result.");
            }

            Shard = _reader.ReadInt32();
            Counts = new ShardCounts(_reader.ReadInt64(), _reader.ReadInt64(), _reader.ReadInt64(), _reader.ReadInt32());
            _remaining = Counts.Tests;
        }

        /// <summary>Moves to the next test; false after the last.</summary>
        public bool Next()
        {
            if (_remaining == 0)
            {
                return false;
            }

            _remaining--;
            PValue = _reader.ReadDouble();
            Candidate = _reader.ReadBoolean()
                ? JsonSerializer.Deserialize<TestCandidate>(_reader.ReadBytes(_reader.ReadInt32()), GovernanceJson.Options)
                : null;
            return true;
        }

        public void Dispose() => _reader.Dispose();
    }
}
