using Parquet.Schema;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// The Parquet schema of an observation segment. Plain types any engine reads (Spark, Synapse, Fabric, DuckDB):
/// strings, INT64 minor units, INT32 quantity, a UTC microsecond timestamp, and three maps (<c>conditions</c>
/// and <c>attributes</c> with string values, <c>numericAttributes</c> with double values, so a number stays a
/// number). <c>conditionsKey</c> repeats the conditions in canonical form: the scan groups cells by it without
/// rebuilding keys per row, and it is dictionary-encoded, so it costs little space.
/// </summary>
public static class SegmentSchema
{
    public static readonly DataField<string> ObservationId = new("observationId", false);
    public static readonly DateTimeDataField ObservedAt = new("observedAt", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static readonly DataField<string> ProductId = new("productId", false);
    public static readonly DataField<string> UserId = new("userId", false);
    public static readonly DataField<long> PaidPrice = new("paidPrice", false);
    public static readonly DataField<long?> ListPrice = new("listPrice", true);
    public static readonly DataField<string> Currency = new("currency", false);
    public static readonly DataField<int> Quantity = new("quantity", false);
    public static readonly DataField<string> ConditionsKey = new("conditionsKey", false);

    public static readonly DataField<string> ConditionKey = new("key", false);
    public static readonly DataField<string> ConditionValue = new("value", false);
    public static readonly MapField Conditions = new("conditions", ConditionKey, ConditionValue);

    public static readonly DataField<string> AttributeKey = new("key", false);
    public static readonly DataField<string> AttributeValue = new("value", false);
    public static readonly MapField Attributes = new("attributes", AttributeKey, AttributeValue);

    public static readonly DataField<string> NumericAttributeKey = new("key", false);
    public static readonly DataField<double> NumericAttributeValue = new("value", false);
    public static readonly MapField NumericAttributes = new("numericAttributes", NumericAttributeKey, NumericAttributeValue);

    public static readonly ParquetSchema Schema = new(
        ObservationId, ObservedAt, ProductId, UserId, PaidPrice, ListPrice, Currency, Quantity, ConditionsKey,
        Conditions, Attributes, NumericAttributes);

    /// <summary>File metadata key naming the layout version the file was written under.</summary>
    public const string VersionKey = "governance.pricing.segment";

    public const string Version = "1";
}
