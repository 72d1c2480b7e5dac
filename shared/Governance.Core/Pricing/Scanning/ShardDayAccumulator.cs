using System.Runtime.InteropServices;
using Governance.Core.Pricing.Segments;

namespace Governance.Core.Pricing.Scanning;

/// <summary>A cell of equal trading conditions: product, conditions, quantity, currency and time bucket (interned ids).</summary>
internal readonly record struct CellKey(int Product, int Conditions, int Quantity, int Currency, int Bucket);

/// <summary>One attribute of a user in a cell: interned name, and interned text or -1 with the number.</summary>
internal readonly record struct AttributeValue(int Name, int Text, double Number);

/// <summary>
/// Gathers the observations of one shard and one UTC day, row group by row group, into compact columns: each
/// row is interned into its cell and its (cell, user) slot, and adds only its price (12 bytes) to the slot's list.
/// A user's attributes and first observation id are kept once per slot. Rows outside the window and repeated
/// observation ids (XxHash3-64) are skipped, so a duplicate stored twice still counts once.
/// </summary>
internal sealed class ShardDayAccumulator
{
    public readonly Interner Products = new(), ConditionKeys = new(), Currencies = new(), AttributeNames = new(), AttributeTexts = new();
    public readonly List<CellKey> Cells = [];
    public int SlotCount;
    public int[] SlotCell = new int[1024], SlotPriceHead = new int[1024], SlotPriceCount = new int[1024], SlotAttrStart = new int[1024], SlotAttrCount = new int[1024];
    public string[] SlotFirstObservation = new string[1024];
    public long[] Prices = new long[4096];
    public int[] PriceNext = new int[4096];
    public AttributeValue[] Attributes = new AttributeValue[4096];
    private readonly Interner _users = new();
    private readonly Dictionary<CellKey, int> _cellIndex = [];
    private readonly Dictionary<long, int> _slotIndex = [];
    private readonly HashSet<ulong> _seen = [];
    private readonly RecentIds _textNames = new(), _textValues = new(), _numberNames = new();
    private int _priceCount, _attributeCount;

    public long Observations { get; private set; }

    public long Duplicates { get; private set; }

    public DateTime DayStart { get; private set; }

    public void Reset(DateOnly day)
    {
        DayStart = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Products.Clear();
        ConditionKeys.Clear();
        Currencies.Clear();
        AttributeNames.Clear();
        AttributeTexts.Clear();
        _users.Clear();
        Cells.Clear();
        _cellIndex.Clear();
        _slotIndex.Clear();
        _seen.Clear();
        _textNames.Clear();
        _textValues.Clear();
        _numberNames.Clear();
        Array.Clear(SlotFirstObservation, 0, SlotCount);
        SlotCount = _priceCount = _attributeCount = 0;
        Observations = Duplicates = 0;
    }

    public void Add(SegmentBatch batch, long fromTicks, long toTicks, long bucketTicks)
    {
        var previousCell = -1;
        for (var r = 0; r < batch.RowCount; r++)
        {
            var ticks = batch.ObservedAt[r].Ticks;
            if (ticks < fromTicks || ticks >= toTicks)
            {
                continue;
            }

            if (!_seen.Add(ObservationHashes.IdHash(batch.ObservationIds[r].Span)))
            {
                Duplicates++;
                continue;
            }

            Observations++;
            var bucket = (int)((ticks - DayStart.Ticks) / bucketTicks);
            var cell = previousCell >= 0 && SameCellAsPrevious(batch, r, bucket, Cells[previousCell]) ? previousCell : CellOf(batch, r, bucket);
            previousCell = cell;
            var user = _users.Id(batch.UserIds[r].Span);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotIndex, ((long)cell << 32) | (uint)user, out var exists);
            if (!exists)
            {
                slot = NewSlot(cell, batch, r);
            }

            AddPrice(slot, batch.PaidPrices[r]);
        }
    }

    private bool SameCellAsPrevious(SegmentBatch batch, int r, int bucket, CellKey previous)
        => batch.Quantities[r] == previous.Quantity && bucket == previous.Bucket
            && batch.ProductIds[r].Span.SequenceEqual(batch.ProductIds[r - 1].Span)
            && batch.ConditionsKeys[r].Span.SequenceEqual(batch.ConditionsKeys[r - 1].Span)
            && batch.Currencies[r].Span.SequenceEqual(batch.Currencies[r - 1].Span);

    private int CellOf(SegmentBatch batch, int r, int bucket)
    {
        var key = new CellKey(
            Products.Id(batch.ProductIds[r].Span), ConditionKeys.Id(batch.ConditionsKeys[r].Span), batch.Quantities[r], Currencies.Id(batch.Currencies[r].Span), bucket);
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_cellIndex, key, out var exists);
        if (!exists)
        {
            index = Cells.Count;
            Cells.Add(key);
        }

        return index;
    }

    private int NewSlot(int cell, SegmentBatch batch, int r)
    {
        var slot = SlotCount++;
        if (slot == SlotCell.Length)
        {
            var size = slot * 2;
            Array.Resize(ref SlotCell, size);
            Array.Resize(ref SlotPriceHead, size);
            Array.Resize(ref SlotPriceCount, size);
            Array.Resize(ref SlotAttrStart, size);
            Array.Resize(ref SlotAttrCount, size);
            Array.Resize(ref SlotFirstObservation, size);
        }

        SlotCell[slot] = cell;
        SlotPriceHead[slot] = -1;
        SlotPriceCount[slot] = 0;
        SlotFirstObservation[slot] = batch.ObservationIds[r].ToString();
        SlotAttrStart[slot] = _attributeCount;
        var texts = batch.Attributes;
        for (int e = texts.RowStart[r], position = 0; e < texts.RowStart[r] + texts.RowCount[r]; e++, position++)
        {
            var name = _textNames.Id(AttributeNames, position, texts.Keys[e].Span);
            AddAttribute(new AttributeValue(name, _textValues.Id(AttributeTexts, name, texts.Values[e].Span), 0));
        }

        var numbers = batch.NumericAttributes;
        for (int e = numbers.RowStart[r], position = 0; e < numbers.RowStart[r] + numbers.RowCount[r]; e++, position++)
        {
            AddAttribute(new AttributeValue(_numberNames.Id(AttributeNames, position, numbers.Keys[e].Span), -1, numbers.Values[e]));
        }

        SlotAttrCount[slot] = _attributeCount - SlotAttrStart[slot];
        return slot;
    }

    private void AddAttribute(AttributeValue value)
    {
        if (_attributeCount == Attributes.Length)
        {
            Array.Resize(ref Attributes, _attributeCount * 2);
        }

        Attributes[_attributeCount++] = value;
    }

    private void AddPrice(int slot, long price)
    {
        if (_priceCount == Prices.Length)
        {
            Array.Resize(ref Prices, _priceCount * 2);
            Array.Resize(ref PriceNext, _priceCount * 2);
        }

        Prices[_priceCount] = price;
        PriceNext[_priceCount] = SlotPriceHead[slot];
        SlotPriceHead[slot] = _priceCount++;
        SlotPriceCount[slot]++;
    }
}

/// <summary>
/// The last id interned at each position (an attribute's place in its row, or an attribute name for its text
/// value): rows repeat the same few names and values, so a span comparison usually replaces a hash lookup.
/// </summary>
internal sealed class RecentIds
{
    private string?[] _texts = new string?[64];
    private int[] _ids = new int[64];

    public int Id(Interner interner, int position, ReadOnlySpan<char> value)
    {
        if (position >= _texts.Length)
        {
            Array.Resize(ref _texts, position * 2);
            Array.Resize(ref _ids, position * 2);
        }

        if (_texts[position] is { } recent && value.SequenceEqual(recent))
        {
            return _ids[position];
        }

        var id = interner.Id(value);
        _texts[position] = interner.Values[id];
        _ids[position] = id;
        return id;
    }

    public void Clear() => Array.Clear(_texts);
}
