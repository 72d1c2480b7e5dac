using System.Text;
using System.Text.Json.Nodes;
using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing;

/// <summary>Ingestion lines and observations for tests.</summary>
public static class ObservationFixtures
{
    /// <summary>A currency catalog double: CNY, USD and EUR are active.</summary>
    public static readonly Func<string, bool> Currencies = code => code is "CNY" or "USD" or "EUR";

    public sealed class TestCurrencies : IActiveCurrencies
    {
        public bool IsActive(string code) => Currencies(code);
    }

    public static JsonObject Line(string id = "o-1", long paid = 1000, string product = "sku-1", string user = "u-1", string at = "2026-05-01T08:30:00Z") => new()
    {
        ["observationId"] = id,
        ["observedAt"] = at,
        ["productId"] = product,
        ["userId"] = user,
        ["paidPrice"] = paid,
        ["listPrice"] = 1200,
        ["currency"] = "CNY",
        ["quantity"] = 1,
        ["conditions"] = new JsonObject { ["region"] = "north", ["membershipTier"] = "gold" },
        ["attributes"] = new JsonObject { ["deviceOs"] = "ios", ["accountAgeDays"] = 12 },
    };

    public static byte[] Ndjson(IEnumerable<JsonObject> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(l => l.ToJsonString())) + "\n");

    public static byte[] Ndjson(IEnumerable<PriceObservation> observations) => Ndjson(observations.Select(ToJson));

    public static JsonObject ToJson(PriceObservation o)
    {
        var conditions = new JsonObject();
        foreach (var (key, value) in o.Conditions)
        {
            conditions[key] = value;
        }

        var attributes = new JsonObject();
        foreach (var a in o.Attributes)
        {
            attributes[a.Name] = a.IsNumber ? JsonValue.Create(a.Number) : JsonValue.Create(a.Text);
        }

        return new JsonObject
        {
            ["observationId"] = o.ObservationId,
            ["observedAt"] = o.ObservedAt.ToString("O"),
            ["productId"] = o.ProductId,
            ["userId"] = o.UserId,
            ["paidPrice"] = o.PaidPrice,
            ["listPrice"] = o.ListPrice,
            ["currency"] = o.Currency,
            ["quantity"] = o.Quantity,
            ["conditions"] = conditions,
            ["attributes"] = attributes,
        };
    }
}
