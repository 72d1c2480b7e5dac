namespace Governance.Core.Pricing.Observations;

/// <summary>
/// Whether a code is an active ISO 4217 currency. The ISO 4217 catalog implements it; ingestion rejects a line
/// whose currency it does not know.
/// </summary>
public interface IActiveCurrencies
{
    bool IsActive(string code);
}
