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

        var conditions = new MapColumn(rows.Count);
        var texts = new MapColumn(rows.Count);
        var numbers = new MapColumn(rows.Count);
        foreach (var row in rows)
        {
            conditions.StartRow();
            foreach (var (key, value) in row.Conditions)
            {
                conditions.Add(key, value);
            }

            texts.StartRow();
            numbers.StartRow();
            foreach (var attribute in row.Attributes)
            {
                if (attribute.IsNumber)
                {
                    numbers.Add(attribute.Name, attribute.Number);
                }
                else
                {
                    texts.Add(attribute.Name, attribute.Text!);
                }
            }
        }

        await conditions.WriteAsync(rowGroup, SegmentSchema.ConditionKey, SegmentSchema.ConditionValue, ct).ConfigureAwait(false);
        await texts.WriteAsync(rowGroup, SegmentSchema.AttributeKey, SegmentSchema.AttributeValue, ct).ConfigureAwait(false);
        await numbers.WriteAsync(rowGroup, SegmentSchema.NumericAttributeKey, SegmentSchema.NumericAttributeValue, ct).ConfigureAwait(false);
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
    private sealed class MapColumn(int rows)
    {
        private readonly List<ReadOnlyMemory<char>> _keys = new(rows * 2);
        private readonly List<ReadOnlyMemory<char>> _texts = new(rows * 2);
        private readonly List<double> _numbers = new(rows * 2);
        private readonly List<int> _definition = new(rows * 2);
        private readonly List<int> _repetition = new(rows * 2);
        private bool _rowOpen;

        public void StartRow()
        {
            CloseRow();
            _rowOpen = true;
        }

        public void Add(string key, string value)
        {
            Entry(key);
            _texts.Add(value.AsMemory());
        }

        public void Add(string key, double value)
        {
            Entry(key);
            _numbers.Add(value);
        }

        public async Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField keyField, DataField valueField, CancellationToken ct)
        {
            CloseRow();
            var (definition, repetition) = (_definition.ToArray(), _repetition.ToArray());
            await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(keyField, _keys.ToArray(), definition, repetition, ct).ConfigureAwait(false);
            if (valueField.ClrType == typeof(double))
            {
                await rowGroup.WriteAllPartsAsync<double>(valueField, _numbers.ToArray(), definition, repetition, ct).ConfigureAwait(false);
            }
            else
            {
                await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(valueField, _texts.ToArray(), definition, repetition, ct).ConfigureAwait(false);
            }
        }

        private void Entry(string key)
        {
            _keys.Add(key.AsMemory());
            _definition.Add(2);
            _repetition.Add(_rowOpen ? 0 : 1);
            _rowOpen = false;
        }

        /// <summary>A row that got no entry is an empty map.</summary>
        private void CloseRow()
        {
            if (_rowOpen)
            {
                _definition.Add(1);
                _repetition.Add(0);
                _rowOpen = false;
            }
        }
    }
}
