using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing;

/// <summary>Builds observations of hand-made cells for engine tests.</summary>
public sealed class CellBuilder
{
    public static readonly DateOnly Day = new(2026, 5, 1);
    private readonly List<PriceObservation> _rows = [];
    private int _next;

    public IReadOnlyList<PriceObservation> Rows => _rows;

    public CellBuilder Add(int users, long price, string product = "sku-1", string region = "north", string device = "android", double accountAge = 100, int purchasesEach = 1, int quantity = 1, string userPrefix = "u", int hour = 10)
    {
        for (var u = 0; u < users; u++)
        {
            var user = $"{userPrefix}-{_next++}";
            for (var k = 0; k < purchasesEach; k++)
            {
                _rows.Add(Observation($"{user}-{k}", user, price + (u % 3), product, region, device, accountAge, quantity, hour));
            }
        }

        return this;
    }

    public static PriceObservation Observation(string id, string user, long price, string product = "sku-1", string region = "north", string device = "android", double accountAge = 100, int quantity = 1, int hour = 10) => new()
    {
        ObservationId = id,
        ObservedAt = new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero),
        ProductId = product,
        UserId = user,
        PaidPrice = price,
        ListPrice = null,
        Currency = "CNY",
        Quantity = quantity,
        Conditions = [new("region", region)],
        Attributes = [ObservationAttribute.Of("accountAgeDays", accountAge), ObservationAttribute.Of("deviceOs", device)],
    };
}
