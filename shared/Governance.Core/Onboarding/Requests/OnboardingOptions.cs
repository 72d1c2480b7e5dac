using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// Section <c>Onboarding</c> (validated at start-up): the limits an uploaded contract is parsed under
/// (<c>Onboarding__Extraction__*</c>, also the upload's size cap) and how many stored contracts one run of the re-check
/// timer may check again after the clause library changed (<c>Onboarding__RecheckMaxPerRun</c>).
/// </summary>
public sealed class OnboardingOptions
{
    public const string SectionName = "Onboarding";

    /// <summary>The cap on an uploaded contract; <c>Onboarding__Extraction__MaxFileBytes</c> may lower it.</summary>
    public const long MaxContractBytes = 10 * 1024 * 1024;

    public const int MaxRecheckPerRun = 10_000;

    public ContractExtractionLimits Extraction { get; set; } = new();

    public int RecheckMaxPerRun { get; set; } = 100;

    /// <summary>Problems with these values, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Extraction.Validate().Select(p => "Onboarding__Extraction__" + p).ToList();
        if (Extraction.MaxFileBytes > MaxContractBytes)
        {
            problems.Add($"Onboarding__Extraction__MaxFileBytes must be at most {MaxContractBytes} (10 MB).");
        }

        if (RecheckMaxPerRun is < 1 or > MaxRecheckPerRun)
        {
            problems.Add($"Onboarding__RecheckMaxPerRun must be 1 to {MaxRecheckPerRun}.");
        }

        return problems;
    }
}
