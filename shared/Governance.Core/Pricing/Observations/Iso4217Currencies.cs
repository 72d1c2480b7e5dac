using Governance.Core.Money;

namespace Governance.Core.Pricing.Observations;

/// <summary>The project's ISO 4217 catalog as the ingestion's currency check: active codes, written as ISO writes them.</summary>
public sealed class Iso4217Currencies : IActiveCurrencies
{
    public bool IsActive(string code) => Iso4217.IsActive(code);
}
