using System.IO.Compression;
using System.Text;
using Governance.Core.Pricing.Observations;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Pricing;

public sealed class NdjsonObservationReaderTests
{
    private static async Task<List<ObservationLine>> ReadAsync(byte[] body, string? encoding = null, long maxBody = ObservationLimits.MaxBodyBytes, long maxDecompressed = ObservationLimits.MaxDecompressedBytes)
    {
        var lines = new List<ObservationLine>();
        await using var stream = ObservationBody.Open(new MemoryStream(body), encoding, maxBody, maxDecompressed);
        await foreach (var line in NdjsonObservationReader.ReadAsync(stream, ObservationFixtures.Currencies))
        {
            lines.Add(line);
        }

        return lines;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number_and_never_affects_the_good_lines()
    {
        var body = Encoding.UTF8.GetBytes(
            ObservationFixtures.Line("a").ToJsonString() + "\n" +
            "{not json\n" +
            "\r\n" +
            ObservationFixtures.Line("b").ToJsonString() + "\r\n" +
            ObservationFixtures.Line("c", paid: -5).ToJsonString() + "\n" +
            ObservationFixtures.Line("d").ToJsonString());

        var lines = await ReadAsync(body);

        Assert.Equal(["a", "b", "d"], lines.Where(l => l.Observation is not null).Select(l => l.Observation!.ObservationId));
        Assert.Equal([1, 4, 6], lines.Where(l => l.Observation is not null).Select(l => l.Line));
        Assert.Equal([(2, true), (5, true)], lines.Where(l => l.Error is not null).Select(l => (l.Line, l.Error!.Length > 0)));
        Assert.StartsWith("paidPrice:", lines.Single(l => l.Line == 5).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_rejected_and_skipped_without_losing_the_next_line()
    {
        var longLine = ObservationFixtures.Line("long").ToJsonString().Replace("u-1", new string('u', ObservationLimits.MaxLineBytes * 3), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(ObservationFixtures.Line("a").ToJsonString() + "\n" + longLine + "\n" + ObservationFixtures.Line("b").ToJsonString() + "\n");

        var lines = await ReadAsync(body);

        Assert.Equal(3, lines.Count);
        Assert.Equal((2, $"line is longer than {ObservationLimits.MaxLineBytes} bytes."), (lines[1].Line, lines[1].Error));
        Assert.Equal((3, "b"), (lines[2].Line, lines[2].Observation!.ObservationId));
    }

    [Fact]
    public async Task Many_lines_across_buffer_boundaries_are_all_read()
    {
        var body = ObservationFixtures.Ndjson(Enumerable.Range(0, 5000).Select(i => ObservationFixtures.Line($"o-{i}")));

        var lines = await ReadAsync(body);

        Assert.Equal(5000, lines.Count(l => l.Observation is not null));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"o-{i}"), lines.Select(l => l.Observation!.ObservationId));
    }

    [Fact]
    public async Task A_gzip_body_is_decompressed()
    {
        var lines = await ReadAsync(Gzip(ObservationFixtures.Ndjson([ObservationFixtures.Line("a"), ObservationFixtures.Line("b")])), "gzip");

        Assert.Equal(["a", "b"], lines.Select(l => l.Observation!.ObservationId));
    }

    [Fact]
    public async Task A_body_over_the_limit_as_sent_is_a_413()
    {
        var body = ObservationFixtures.Ndjson(Enumerable.Range(0, 100).Select(i => ObservationFixtures.Line($"o-{i}")));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => ReadAsync(body, maxBody: body.Length - 1));

        Assert.Equal(413, problem.Status);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_decompressed_limit_with_a_413()
    {
        var bomb = Gzip(new byte[4_000_000]);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => ReadAsync(bomb, "gzip", maxDecompressed: 1_000_000));

        Assert.True(bomb.Length < 100_000);
        Assert.Equal(413, problem.Status);
        Assert.Contains("after gzip decompression", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_gzip_body_is_a_400()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => ReadAsync([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff], "gzip"));

        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public void An_unsupported_content_encoding_is_a_415()
    {
        var problem = Assert.Throws<GovernanceProblem>(() => ObservationBody.Open(new MemoryStream(), "br"));

        Assert.Equal(415, problem.Status);
        Assert.Contains("'br'", problem.Detail, StringComparison.Ordinal);
    }
}
