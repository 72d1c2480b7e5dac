using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// The columns a scan needs from one row group, read into buffers that are reused from row group to row group
/// (strings are views into the reader's decoded data, valid until the next row group is read: copy what must
/// be kept). The list price and the conditions map are not read: <c>conditionsKey</c> carries the conditions.
/// </summary>
public sealed class SegmentBatch
{
    private static readonly ParquetOptions Options = new();

    public int RowCount { get; private set; }

    public ReadOnlyMemory<char>[] ObservationIds = [];
    public DateTime[] ObservedAt = [];
    public ReadOnlyMemory<char>[] ProductIds = [];
    public ReadOnlyMemory<char>[] UserIds = [];
    public long[] PaidPrices = [];
    public ReadOnlyMemory<char>[] Currencies = [];
    public int[] Quantities = [];
    public ReadOnlyMemory<char>[] ConditionsKeys = [];
    public MapColumn<ReadOnlyMemory<char>> Attributes = new();
    public MapColumn<double> NumericAttributes = new();

    /// <summary>Reads each row group of a segment into this batch in turn (the stream must be seekable).</summary>
    public async IAsyncEnumerable<SegmentBatch> ReadAsync(Stream segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(segment, Options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rowGroup = reader.OpenRowGroupReader(g);
            var rows = checked((int)rowGroup.RowCount);
            RowCount = rows;
            await Column(rowGroup, SegmentSchema.ObservationId, rows, ref ObservationIds, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.ObservedAt, rows, ref ObservedAt, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.ProductId, rows, ref ProductIds, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.UserId, rows, ref UserIds, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.PaidPrice, rows, ref PaidPrices, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.Currency, rows, ref Currencies, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.Quantity, rows, ref Quantities, cancellationToken).ConfigureAwait(false);
            await Column(rowGroup, SegmentSchema.ConditionsKey, rows, ref ConditionsKeys, cancellationToken).ConfigureAwait(false);
            await Attributes.ReadAsync(rowGroup, SegmentSchema.AttributeKey, SegmentSchema.AttributeValue, cancellationToken).ConfigureAwait(false);
            await NumericAttributes.ReadAsync(rowGroup, SegmentSchema.NumericAttributeKey, SegmentSchema.NumericAttributeValue, cancellationToken).ConfigureAwait(false);
            yield return this;
        }
    }

    private static ValueTask Column<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, ref T[] buffer, CancellationToken ct)
        where T : struct
    {
        if (buffer.Length < rows)
        {
            buffer = new T[Math.Max(rows, buffer.Length * 2)];
        }

        return rowGroup.ReadRawAsync<T>(field, buffer.AsMemory(0, rows), null, null, ct);
    }
}

/// <summary>
/// A map column of one row group: keys and values of all entries in row order, and for each row where its
/// entries start (<see cref="RowStart"/>) and how many it has (<see cref="RowCount"/>).
/// </summary>
public sealed class MapColumn<TValue>
    where TValue : struct
{
    public ReadOnlyMemory<char>[] Keys = [];
    public TValue[] Values = [];
    public int[] RowStart = [];
    public int[] RowCount = [];
    private int[] _definition = [];
    private int[] _repetition = [];

    public async ValueTask ReadAsync(ParquetRowGroupReader rowGroup, DataField keyField, DataField valueField, CancellationToken ct)
    {
        var levels = checked((int)(rowGroup.GetMetadata(keyField)?.MetaData?.NumValues ?? 0));
        Grow(ref Keys, levels);
        Grow(ref Values, levels);
        Grow(ref _definition, levels);
        Grow(ref _repetition, levels);
        await rowGroup.ReadRawAsync<ReadOnlyMemory<char>>(keyField, Keys.AsMemory(0, levels), _definition.AsMemory(0, levels), _repetition.AsMemory(0, levels), ct).ConfigureAwait(false);
        await rowGroup.ReadRawAsync<TValue>(valueField, Values.AsMemory(0, levels), _definition.AsMemory(0, levels), _repetition.AsMemory(0, levels), ct).ConfigureAwait(false);
        var rows = checked((int)rowGroup.RowCount);
        Grow(ref RowStart, rows);
        Grow(ref RowCount, rows);
        int row = -1, entry = 0;
        for (var i = 0; i < levels; i++)
        {
            if (_repetition[i] == 0)
            {
                row++;
                RowStart[row] = entry;
                RowCount[row] = 0;
            }

            if (_definition[i] == 2)
            {
                RowCount[row]++;
                entry++;
            }
        }
    }

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new T[Math.Max(size, buffer.Length * 2)];
        }
    }
}
