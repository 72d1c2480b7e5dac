namespace Governance.Core.Disclosures;

/// <summary>
/// The body of <c>POST/PUT /api/disclosures/{kind}/drafts[/{draftId}]</c> as it arrives: everything nullable so
/// that <see cref="DisclosureDraftValidator"/> can report every missing or bad field at once.
/// </summary>
public sealed class DisclosureDraftRequest
{
    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? FormulationProcedure { get; set; }

    public string? AdjudicationProcedure { get; set; }

    public string? ChangeSummary { get; set; }

    /// <summary>ISO 8601; a value without an offset is read as UTC.</summary>
    public string? EffectiveFrom { get; set; }

    public bool? SignificantImpact { get; set; }

    public AssessmentRequest? Assessment { get; set; }

    public FilingRequest? Filing { get; set; }

    public AlgorithmRequest? Algorithm { get; set; }

    /// <summary>Optional BCP 47 tag of the disclosure's own text, e.g. <c>zh-CN</c> or <c>en</c>.</summary>
    public string? Language { get; set; }
}

public sealed class AssessmentRequest
{
    public string? Agency { get; set; }

    public string? ReportReference { get; set; }

    /// <summary><c>pass</c> or <c>fail</c>.</summary>
    public string? Conclusion { get; set; }

    public string? ReportSha256 { get; set; }
}

public sealed class FilingRequest
{
    public string? Authority { get; set; }

    public string? Reference { get; set; }

    public string? AcceptedAt { get; set; }
}

public sealed class AlgorithmRequest
{
    public string? Name { get; set; }

    public string? Purpose { get; set; }

    public List<AlgorithmParameterRequest?>? MainParameters { get; set; }

    public bool? PersonalizationOptOut { get; set; }

    public string? FilingNumber { get; set; }
}

public sealed class AlgorithmParameterRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
