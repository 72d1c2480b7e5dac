using Governance.Core.Pricing.Observations;
using Parquet;
using Parquet.Schema;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// Writes observations as one Parquet segment, in the order given (the caller sorts them by cell), in row groups
/// of at most <see cref="RowGroupSize"/> rows, Snappy-compressed.
/// </summary>
public static class SegmentWriter
{
    public const int RowGroupSize = 65_536;

    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy, DictionaryEncodingSampleSize = 4096 };

    public static async Task WriteAsync(IReadOnlyList<PriceObservation> rows, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = await ParquetWriter.CreateAsync(SegmentSchema.Schema, output, Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string> { [SegmentSchema.VersionKey] = SegmentSchema.Version };
        for (var offset = 0; offset < rows.Count || offset == 0; offset += RowGroupSize)
        {
            var group = new ArraySegment<PriceObservation>(rows as PriceObservation[] ?? [.. rows], offset, Math.Min(RowGroupSize, rows.Count - offset));
            using var rowGroup = writer.CreateRowGroup();
            await WriteRowGroupAsync(rowGroup, group, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }
        }
    }

    private static async Task WriteRowGroupAsync(ParquetRowGroupWriter rowGroup, ArraySegment<PriceObservation> rows, CancellationToken ct)
    {
        await rowGroup.WriteAsync(SegmentSchema.ObservationId, Strings(rows, o => o.ObservationId)).ConfigureAwait(false);
        await rowGroup.WriteAsync<DateTime>(SegmentSchema.ObservedAt, rows.Select(o => o.ObservedAt.UtcDateTime).ToArray(), cancellationToken: ct).ConfigureAwait(false);
        await rowGroup.WriteAsync(SegmentSchema.ProductId, Strings(rows, o => o.ProductId)).ConfigureAwait(false);
        await rowGroup.WriteAsync(SegmentSchema.UserId, Strings(rows, o => o.UserId)).ConfigureAwait(false);
        await rowGroup.WriteAsync<long>(SegmentSchema.PaidPrice, rows.Select(o => o.PaidPrice).ToArray(), cancellationToken: ct).ConfigureAwait(false);
        await rowGroup.WriteAsync<long>(SegmentSchema.ListPrice, rows.Select(o => o.ListPrice).ToArray(), cancellationToken: ct).ConfigureAwait(false);
        await rowGroup.WriteAsync(SegmentSchema.Currency, Strings(rows, o => o.Currency)).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(SegmentSchema.Quantity, rows.Select(o => o.Quantity).ToArray(), cancellationToken: ct).ConfigureAwait(false);
        await rowGroup.WriteAsync(SegmentSchema.ConditionsKey, Strings(rows, o => o.ConditionsKey)).ConfigureAwait(false);

        await WriteMapAsync(rowGroup, SegmentSchema.ConditionKey, SegmentSchema.ConditionValue, rows, o => o.Conditions, ct).ConfigureAwait(false);
        await WriteMapAsync(rowGroup, SegmentSchema.AttributeKey, SegmentSchema.AttributeValue, rows,
            o => o.Attributes.Where(a => !a.IsNumber).Select(a => KeyValuePair.Create(a.Name, a.Text!)), ct).ConfigureAwait(false);
        await WriteMapAsync(rowGroup, SegmentSchema.NumericAttributeKey, SegmentSchema.NumericAttributeValue, rows,
            o => o.Attributes.Where(a => a.IsNumber).Select(a => KeyValuePair.Create(a.Name, a.Number)), ct).ConfigureAwait(false);
    }

    private static string[] Strings(ArraySegment<PriceObservation> rows, Func<PriceObservation, string> select)
    {
        var values = new string[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = select(rows[i]);
        }

        return values;
    }

    /// <summary>
    /// A map column as Parquet stores it: one level entry per map entry (repetition 0 opens a row, 1 continues
    /// it; definition 2 is an entry) and one entry with definition 1 for an empty map.
    /// </summary>
    private static async Task WriteMapAsync<TValue>(
        ParquetRowGroupWriter rowGroup, DataField keyField, DataField valueField, ArraySegment<PriceObservation> rows,
        Func<PriceObservation, IEnumerable<KeyValuePair<string, TValue>>> entries, CancellationToken ct)
    {
        var keys = new List<ReadOnlyMemory<char>>(rows.Count * 2);
        var values = new List<TValue>(rows.Count * 2);
        var definition = new List<int>(rows.Count * 2);
        var repetition = new List<int>(rows.Count * 2);
        foreach (var row in rows)
        {
            var first = true;
            foreach (var (key, value) in entries(row))
            {
                keys.Add(key.AsMemory());
                values.Add(value);
                definition.Add(2);
                repetition.Add(first ? 0 : 1);
                first = false;
            }

            if (first)
            {
                definition.Add(1);
                repetition.Add(0);
            }
        }

        var levels = (Definition: definition.ToArray(), Repetition: repetition.ToArray());
        await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(keyField, keys.ToArray(), levels.Definition, levels.Repetition, ct).ConfigureAwait(false);
        if (values is List<string> texts)
        {
            var memory = texts.Select(t => t.AsMemory()).ToArray();
            await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(valueField, memory, levels.Definition, levels.Repetition, ct).ConfigureAwait(false);
        }
        else if (values is List<double> numbers)
        {
            await rowGroup.WriteAllPartsAsync<double>(valueField, numbers.ToArray(), levels.Definition, levels.Repetition, ct).ConfigureAwait(false);
        }
        else
        {
            throw new NotSupportedException($"Map values of type {typeof(TValue).Name} are not part of the segment schema.");
        }
    }
}
