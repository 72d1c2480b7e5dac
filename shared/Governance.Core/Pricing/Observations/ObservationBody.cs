using System.IO.Compression;
using Governance.Core.Problems;

namespace Governance.Core.Pricing.Observations;

/// <summary>
/// Opens an ingestion body for streaming: at most <see cref="ObservationLimits.MaxBodyBytes"/> as sent, gunzipped
/// when <c>Content-Encoding: gzip</c>, and at most <see cref="ObservationLimits.MaxDecompressedBytes"/> after
/// decompression. Exceeding either is a 413 problem raised while reading, so nothing is held whole.
/// </summary>
public static class ObservationBody
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>
    /// A 415 problem unless the body is declared NDJSON: <c>application/x-ndjson</c>, optionally with
    /// <c>charset=utf-8</c> (the only encoding read).
    /// </summary>
    public static void RequireNdjson(string? contentType)
    {
        var parts = (contentType ?? string.Empty).Split(';', StringSplitOptions.TrimEntries);
        var ok = parts[0].Equals(MediaType, StringComparison.OrdinalIgnoreCase)
            && parts.Skip(1).All(p => p.Length == 0 || !p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase)
                || p["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        if (!ok)
        {
            throw GovernanceProblem.UnsupportedMediaType($"{MediaType} (one JSON object per line, UTF-8), optionally with Content-Encoding: gzip");
        }
    }

    public static Stream Open(Stream body, string? contentEncoding, long maxBodyBytes = ObservationLimits.MaxBodyBytes, long maxDecompressedBytes = ObservationLimits.MaxDecompressedBytes)
    {
        var sent = new LimitedReadStream(body, maxBodyBytes, () => GovernanceProblem.PayloadTooLarge(maxBodyBytes));
        var encoding = contentEncoding?.Trim();
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return sent;
        }

        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            return new LimitedReadStream(
                new GZipStream(sent, CompressionMode.Decompress),
                maxDecompressedBytes,
                () => new GovernanceProblem(413, "Content Too Large", $"The request body exceeds the limit of {maxDecompressedBytes} bytes after gzip decompression."));
        }

        throw new GovernanceProblem(415, "Unsupported Media Type", $"Content-Encoding '{Shorten(encoding)}' is not supported; send the NDJSON body as is or with Content-Encoding: gzip.");
    }

    private static string Shorten(string value) => value.Length <= 32 ? value : value[..32] + "…";
}

/// <summary>A read-only stream that fails with the given problem once more than <c>limit</c> bytes were read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit, Func<GovernanceProblem> tooLarge) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw tooLarge() : read;
    }
}
