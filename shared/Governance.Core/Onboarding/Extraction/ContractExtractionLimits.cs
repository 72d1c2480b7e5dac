namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Limits an untrusted contract file is parsed under (bound from <c>Onboarding__Extraction__*</c> when the flow
/// registers it). The defaults fit a contract of a few hundred pages; the HTTP intake caps the upload itself.
/// </summary>
public sealed class ContractExtractionLimits
{
    public const string Section = "Onboarding:Extraction";

    /// <summary>Largest file accepted, in bytes (the 10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most bytes a DOCX may inflate to, all parts together.</summary>
    public long MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most entries a DOCX zip may hold.</summary>
    public int MaxZipEntries { get; set; } = 2000;

    public int MaxPages { get; set; } = 500;

    /// <summary>Most characters of extracted text.</summary>
    public int MaxCharacters { get; set; } = 2_000_000;

    /// <summary>Wall time allowed for one extraction.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public static ContractExtractionLimits Default => new();

    /// <summary>Problems with these values, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes <= 0)
        {
            errors.Add("MaxFileBytes must be positive.");
        }

        if (MaxDecompressedBytes <= 0)
        {
            errors.Add("MaxDecompressedBytes must be positive.");
        }

        if (MaxZipEntries <= 0)
        {
            errors.Add("MaxZipEntries must be positive.");
        }

        if (MaxPages <= 0)
        {
            errors.Add("MaxPages must be positive.");
        }

        if (MaxCharacters <= 0)
        {
            errors.Add("MaxCharacters must be positive.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("Timeout must be positive.");
        }

        return errors;
    }
}
