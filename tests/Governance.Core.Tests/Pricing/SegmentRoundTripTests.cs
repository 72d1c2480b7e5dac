using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Segments;
using Parquet;

namespace Governance.Core.Tests.Pricing;

public sealed class SegmentRoundTripTests
{
    private static PriceObservation Row(string id, IReadOnlyList<KeyValuePair<string, string>> conditions, IReadOnlyList<ObservationAttribute> attributes) => new()
    {
        ObservationId = id,
        ObservedAt = new DateTimeOffset(2026, 5, 1, 8, 30, 15, 123, TimeSpan.Zero),
        ProductId = "sku-1",
        UserId = "u-" + id,
        PaidPrice = 4321,
        ListPrice = id == "a" ? null : 5000,
        Currency = "CNY",
        Quantity = 2,
        Conditions = conditions,
        Attributes = attributes,
    };

    [Fact]
    public async Task A_segment_reads_back_row_by_row_including_empty_maps_and_numbers()
    {
        PriceObservation[] rows =
        [
            Row("a", [], []),
            Row("b", [new("region", "north"), new("tier", "gold")], [ObservationAttribute.Of("accountAgeDays", 12.5), ObservationAttribute.Of("deviceOs", "ios")]),
            Row("c", [new("region", "south")], [ObservationAttribute.Of("deviceOs", "android")]),
        ];
        using var buffer = new MemoryStream();
        await SegmentWriter.WriteAsync(rows, buffer);
        buffer.Position = 0;

        var batch = await new SegmentBatch().ReadAsync(buffer).SingleAsync();

        Assert.Equal(3, batch.RowCount);
        Assert.Equal(["a", "b", "c"], batch.ObservationIds.Take(3).Select(m => m.ToString()));
        Assert.Equal(rows[0].ObservedAt.UtcDateTime, batch.ObservedAt[0]);
        Assert.Equal([4321L, 4321L, 4321L], batch.PaidPrices.Take(3));
        Assert.Equal([2, 2, 2], batch.Quantities.Take(3));
        Assert.Equal(["{}", "{\"region\":\"north\",\"tier\":\"gold\"}", "{\"region\":\"south\"}"], batch.ConditionsKeys.Take(3).Select(m => m.ToString()));
        Assert.Equal([0, 1, 1], batch.Attributes.RowCount.Take(3));
        Assert.Equal("ios", batch.Attributes.Values[batch.Attributes.RowStart[1]].ToString());
        Assert.Equal("android", batch.Attributes.Values[batch.Attributes.RowStart[2]].ToString());
        Assert.Equal([0, 1, 0], batch.NumericAttributes.RowCount.Take(3));
        Assert.Equal(("accountAgeDays", 12.5), (batch.NumericAttributes.Keys[batch.NumericAttributes.RowStart[1]].ToString(), batch.NumericAttributes.Values[batch.NumericAttributes.RowStart[1]]));
    }

    [Fact]
    public async Task The_schema_uses_plain_types_and_maps_that_other_engines_read()
    {
        using var buffer = new MemoryStream();
        await SegmentWriter.WriteAsync([Row("a", [new("region", "north")], [])], buffer);
        buffer.Position = 0;

        await using var reader = await ParquetReader.CreateAsync(buffer);

        Assert.Equal(
            ["observationId", "observedAt", "productId", "userId", "paidPrice", "listPrice", "currency", "quantity", "conditionsKey",
             "conditions/key_value/key", "conditions/key_value/value", "attributes/key_value/key", "attributes/key_value/value",
             "numericAttributes/key_value/key", "numericAttributes/key_value/value"],
            reader.Schema.GetDataFields().Select(f => f.Path.ToString()));
        Assert.Equal(SegmentSchema.Version, reader.CustomMetadata[SegmentSchema.VersionKey]);
        var rows = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(buffer);
        Assert.Single(rows.Data);
    }

    [Fact]
    public void Paths_are_hive_partitioned_by_day_and_shard_and_named_by_content()
    {
        var day = new DateOnly(2026, 5, 1);
        var hash = ObservationHashes.ContentHash([Row("a", [], [])]);

        Assert.Equal($"date=2026-05-01/shard=007/part-{ObservationPaths.Hex(hash)}.parquet", ObservationPaths.SegmentName(day, 7, hash));
        Assert.Equal("_index/date=2026-05-01/shard=007.ids", ObservationPaths.IndexName(day, 7));
        Assert.Equal(hash, ObservationHashes.ContentHash([Row("a", [], [])]));
        Assert.NotEqual(hash, ObservationHashes.ContentHash([Row("b", [], [])]));
    }

    [Fact]
    public void A_product_always_falls_in_the_same_shard()
    {
        // XxHash3 is a fixed algorithm: these values must never change, or stored data would be split.
        Assert.Equal(ObservationPaths.ShardOf("sku-1", 16), ObservationPaths.ShardOf("sku-1", 16));
        var shards = Enumerable.Range(0, 1000).Select(i => ObservationPaths.ShardOf($"sku-{i}", 16)).ToList();
        Assert.All(shards, s => Assert.InRange(s, 0, 15));
        Assert.True(shards.Distinct().Count() == 16);
        Assert.Equal((int)(System.IO.Hashing.XxHash3.HashToUInt64("sku-1"u8) % 16), ObservationPaths.ShardOf("sku-1", 16));
    }
}
