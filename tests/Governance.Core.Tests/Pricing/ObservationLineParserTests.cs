using System.Text;
using System.Text.Json.Nodes;
using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing;

public sealed class ObservationLineParserTests
{
    private static (PriceObservation? Observation, string? Error) Parse(string line)
    {
        ObservationLineParser.TryParse(Encoding.UTF8.GetBytes(line), ObservationFixtures.Currencies, out var observation, out var error);
        return (observation, error);
    }

    private static string? ErrorOf(Action<JsonObject> change)
    {
        var line = ObservationFixtures.Line();
        change(line);
        return Parse(line.ToJsonString()).Error;
    }

    [Fact]
    public void A_complete_line_becomes_an_observation_with_sorted_conditions_and_typed_attributes()
    {
        var (o, error) = Parse(ObservationFixtures.Line(at: "2026-05-01T16:30:00+08:00").ToJsonString());

        Assert.Null(error);
        Assert.Equal("o-1", o!.ObservationId);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 8, 30, 0, TimeSpan.Zero), o.ObservedAt);
        Assert.Equal(TimeSpan.Zero, o.ObservedAt.Offset);
        Assert.Equal((1000L, 1200L, "CNY", 1), (o.PaidPrice, o.ListPrice!.Value, o.Currency, o.Quantity));
        Assert.Equal(["membershipTier", "region"], o.Conditions.Select(c => c.Key));
        Assert.Equal("{\"membershipTier\":\"gold\",\"region\":\"north\"}", o.ConditionsKey);
        Assert.Equal(ObservationAttribute.Of("accountAgeDays", 12), o.Attributes[0]);
        Assert.Equal(ObservationAttribute.Of("deviceOs", "ios"), o.Attributes[1]);
    }

    [Fact]
    public void A_missing_list_price_and_empty_maps_are_allowed()
    {
        var line = ObservationFixtures.Line();
        line.Remove("listPrice");
        line["conditions"] = new JsonObject();
        line["attributes"] = new JsonObject();

        var (o, error) = Parse(line.ToJsonString());

        Assert.Null(error);
        Assert.Null(o!.ListPrice);
        Assert.Equal(ConditionsKey.Empty, o.ConditionsKey);
    }

    [Theory]
    [InlineData("observationId", "observationId: is required.")]
    [InlineData("observedAt", "observedAt: is required.")]
    [InlineData("paidPrice", "paidPrice: is required.")]
    [InlineData("conditions", "conditions: is required.")]
    [InlineData("attributes", "attributes: is required.")]
    public void A_missing_required_field_is_named(string field, string expected)
        => Assert.Equal(expected, ErrorOf(l => l.Remove(field)));

    [Theory]
    [InlineData("paidPrice", "10.5", "paidPrice: must be an integer.")]
    [InlineData("paidPrice", "1e3", "paidPrice: must be an integer.")]
    [InlineData("paidPrice", "-1", "paidPrice: must be between 0 and 10000000000000.")]
    [InlineData("paidPrice", "\"100\"", "paidPrice: must be an integer.")]
    [InlineData("quantity", "0", "quantity: must be between 1 and 1000000.")]
    [InlineData("listPrice", "1.5", "listPrice: must be an integer.")]
    [InlineData("observedAt", "\"2026-05-01T08:30:00\"", "observedAt: must be an ISO 8601 date and time with a UTC offset, e.g. 2026-05-01T08:30:00Z.")]
    [InlineData("observedAt", "\"yesterday\"", "observedAt: must be an ISO 8601 date and time with a UTC offset, e.g. 2026-05-01T08:30:00Z.")]
    [InlineData("currency", "\"XYZ\"", "currency: 'XYZ' is not an active ISO 4217 currency code.")]
    [InlineData("currency", "\"cny\"", "currency: 'cny' is not an active ISO 4217 currency code.")]
    [InlineData("userId", "\"\"", "userId: must not be empty.")]
    [InlineData("userId", "\"a\\u0007b\"", "userId: must not contain control characters.")]
    [InlineData("conditions", "{\"region\": 3}", "conditions.region: must be a string.")]
    [InlineData("conditions", "[]", "conditions: must be an object of strings.")]
    [InlineData("attributes", "{\"deviceOs\": true}", "attributes.deviceOs: must be a string or a number.")]
    [InlineData("attributes", "{\"a\": {\"b\": 1}}", "attributes.a: must be a string or a number.")]
    public void A_bad_field_is_rejected_with_a_message_naming_it(string field, string json, string expected)
        => Assert.Equal(expected, ErrorOf(l => l[field] = JsonNode.Parse(json)));

    [Fact]
    public void An_unknown_field_is_rejected()
        => Assert.StartsWith("price: unknown field", ErrorOf(l => l["price"] = 1));

    [Fact]
    public void A_field_given_twice_is_rejected()
    {
        var json = ObservationFixtures.Line().ToJsonString().Replace("\"userId\":\"u-1\"", "\"userId\":\"u-1\",\"userId\":\"u-2\"", StringComparison.Ordinal);

        Assert.Equal("userId: appears more than once.", Parse(json).Error);
    }

    [Fact]
    public void A_condition_key_given_twice_is_rejected()
    {
        var json = ObservationFixtures.Line().ToJsonString().Replace("\"region\":\"north\"", "\"region\":\"north\",\"region\":\"south\"", StringComparison.Ordinal);

        Assert.Equal("conditions.region: appears more than once.", Parse(json).Error);
    }

    [Fact]
    public void Ids_texts_and_maps_are_bounded()
    {
        Assert.Equal("observationId: must be at most 128 characters.", ErrorOf(l => l["observationId"] = new string('x', 129)));
        Assert.Equal("conditions.region: must be at most 128 characters.", ErrorOf(l => l["conditions"] = new JsonObject { ["region"] = new string('x', 129) }));
        Assert.Equal("conditions key: must be at most 64 characters.", ErrorOf(l => l["conditions"] = new JsonObject { [new string('k', 65)] = "v" }));
        var many = new JsonObject();
        for (var i = 0; i <= ObservationLimits.MaxAttributes; i++)
        {
            many[$"a{i}"] = i;
        }

        Assert.Equal("attributes: at most 32 keys.", ErrorOf(l => l["attributes"] = many));
    }

    [Fact]
    public void A_line_that_is_not_one_object_is_rejected()
    {
        Assert.Equal("each line must be one JSON object.", Parse("[1,2]").Error);
        Assert.Contains("after a single JSON value", Parse(ObservationFixtures.Line().ToJsonString() + " {}").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_the_parser_message()
        => Assert.StartsWith("not a valid JSON object:", Parse("{\"observationId\": ").Error);

    [Fact]
    public void A_copy_with_other_conditions_has_their_canonical_key()
    {
        var (o, _) = Parse(ObservationFixtures.Line().ToJsonString());
        _ = o!.ConditionsKey;

        var copy = o with { Conditions = [new("region", "south")] };

        Assert.Equal("{\"region\":\"south\"}", copy.ConditionsKey);
        Assert.Equal("{\"membershipTier\":\"gold\",\"region\":\"north\"}", o.ConditionsKey);
    }

    [Theory]
    [InlineData("north", "gold tier")]
    [InlineData("华北", "gold")]
    [InlineData("a\"b", "<x>&'+")]
    public void The_canonical_conditions_key_is_sorted_compact_json_whatever_the_characters(string region, string tier)
    {
        IReadOnlyList<KeyValuePair<string, string>> conditions = [new("region", region), new("tier", tier)];

        var key = ConditionsKey.Format(conditions);

        Assert.DoesNotContain(" :", key, StringComparison.Ordinal);
        Assert.Equal(conditions, ConditionsKey.Parse(key));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["region"] = region, ["tier"] = tier }), key);
    }
}
