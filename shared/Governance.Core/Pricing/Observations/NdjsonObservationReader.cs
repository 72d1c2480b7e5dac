using System.Buffers;
using System.Runtime.CompilerServices;
using Governance.Core.Problems;

namespace Governance.Core.Pricing.Observations;

/// <summary>One line of an ingestion body: its 1-based number and either the observation or why it was rejected.</summary>
public readonly record struct ObservationLine(int Line, PriceObservation? Observation, string? Error);

/// <summary>
/// Streams an NDJSON body line by line through a fixed buffer: a line longer than
/// <see cref="ObservationLimits.MaxLineBytes"/> is rejected and skipped unread; blank lines are ignored; a bad
/// line never affects the others. A corrupt gzip stream is a 400 problem.
/// </summary>
public static class NdjsonObservationReader
{
    public static async IAsyncEnumerable<ObservationLine> ReadAsync(
        Stream body, Func<string, bool> isActiveCurrency, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ObservationLimits.MaxLineBytes * 2);
        try
        {
            int start = 0, end = 0, line = 1;
            var skipping = false;
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                var read = await ReadBodyAsync(body, buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                end += read;
                var atEnd = read == 0;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    if (!skipping && Parse(buffer.AsSpan(start, newline), line, isActiveCurrency) is { } parsed)
                    {
                        yield return parsed;
                    }

                    skipping = false;
                    start += newline + 1;
                    line++;
                }

                if (end - start > ObservationLimits.MaxLineBytes)
                {
                    if (!skipping)
                    {
                        yield return new ObservationLine(line, null, $"line is longer than {ObservationLimits.MaxLineBytes} bytes.");
                    }

                    skipping = true;
                    start = end;
                }

                if (atEnd)
                {
                    if (!skipping && end > start && Parse(buffer.AsSpan(start, end - start), line, isActiveCurrency) is { } last)
                    {
                        yield return last;
                    }

                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ObservationLine? Parse(ReadOnlySpan<byte> line, int number, Func<string, bool> isActiveCurrency)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        if (line.Length > ObservationLimits.MaxLineBytes)
        {
            return new ObservationLine(number, null, $"line is longer than {ObservationLimits.MaxLineBytes} bytes.");
        }

        return ObservationLineParser.TryParse(line, isActiveCurrency, out var observation, out var error)
            ? new ObservationLine(number, observation, null)
            : new ObservationLine(number, null, error);
    }

    private static async ValueTask<int> ReadBodyAsync(Stream body, Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(into, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw GovernanceProblem.BadRequest($"The gzip body is corrupt: {ex.Message}");
        }
    }
}
