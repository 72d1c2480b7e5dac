using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Governance.Core.Localization;
using Governance.Core.Validation;

namespace Governance.Core.Disclosures;

/// <summary>
/// Turns a draft body into a <see cref="DisclosureDraftInput"/> or one 400 problem listing every bad field.
/// Limits keep a draft row inside a table entity (each string property at most 32K characters).
/// </summary>
public static partial class DisclosureDraftValidator
{
    public const int MaxContentBytes = 1024 * 1024;
    public const int MaxTitleLength = 300;
    public const int MaxProcedureLength = 10_000;
    public const int MaxChangeSummaryLength = 4_000;
    public const int MaxShortFieldLength = 300;
    public const int MaxPurposeLength = 4_000;
    public const int MaxParameters = 30;
    public const int MaxParameterNameLength = 200;
    public const int MaxParameterDescriptionLength = 1_000;

    /// <summary>The largest JSON a structured block may take once stored.</summary>
    public const int MaxBlockJsonLength = 30_000;

    /// <summary>
    /// Dates a disclosure may carry: none of these rules predates 2000, and Azure Tables stores nothing before
    /// 1601 (Azurite does, so only production would fail). The upper bound keeps date arithmetic far from overflow.
    /// </summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestDate = new(2999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

    public static DisclosureDraftInput Validate(string kind, DisclosureDraftRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var r = request!;
        Text(errors, "title", r.Title, MaxTitleLength);
        Text(errors, "formulationProcedure", r.FormulationProcedure, MaxProcedureLength);
        Text(errors, "adjudicationProcedure", r.AdjudicationProcedure, MaxProcedureLength);
        Text(errors, "changeSummary", r.ChangeSummary, MaxChangeSummaryLength);

        if (string.IsNullOrWhiteSpace(r.Content))
        {
            errors.Add("content", "is required.");
        }
        else if (Encoding.UTF8.GetByteCount(r.Content) > MaxContentBytes)
        {
            errors.Add("content", $"must be at most {MaxContentBytes} bytes of UTF-8 Markdown (1 MB).");
        }
        else
        {
            errors.NoControlCharacters("content", r.Content, allowLineBreaks: true);
        }

        var effectiveFrom = DateTime(errors, "effectiveFrom", r.EffectiveFrom);
        if (r.SignificantImpact is null)
        {
            errors.Add("significantImpact", "is required (true or false).");
        }

        var assessment = r.Assessment is null ? null : ValidateAssessment(errors, r.Assessment);
        var filing = r.Filing is null ? null : ValidateFiling(errors, r.Filing);
        AlgorithmDisclosure? algorithm = null;
        if (kind == DisclosureKinds.AlgorithmStrategy)
        {
            if (r.Algorithm is null)
            {
                errors.Add("algorithm", "is required for an algorithm-strategy disclosure.");
            }
            else
            {
                algorithm = ValidateAlgorithm(errors, r.Algorithm);
            }
        }
        else if (r.Algorithm is not null)
        {
            errors.Add("algorithm", "is only accepted for an algorithm-strategy disclosure.");
        }

        string? language = null;
        if (r.Language is not null && (language = LanguageTags.Normalize(r.Language)) is null)
        {
            errors.Add("language", $"must be a well-formed BCP 47 language tag of at most {LanguageTags.MaxLength} characters, such as zh-CN, zh-Hans or en.");
        }

        errors.ThrowIfAny();
        var metadata = new DisclosureMetadata(
            r.Title!.Trim(),
            r.FormulationProcedure!.Trim(),
            r.AdjudicationProcedure!.Trim(),
            r.ChangeSummary!.Trim(),
            effectiveFrom!.Value,
            r.SignificantImpact!.Value,
            assessment,
            filing,
            algorithm,
            language);
        return new DisclosureDraftInput(metadata, r.Content!);
    }

    private static Assessment? ValidateAssessment(ValidationErrors errors, AssessmentRequest a)
    {
        var ok = Text(errors, "assessment.agency", a.Agency, MaxShortFieldLength)
            & Text(errors, "assessment.reportReference", a.ReportReference, MaxShortFieldLength);
        if (a.Conclusion is not (Assessment.Pass or Assessment.Fail))
        {
            errors.Add("assessment.conclusion", $"must be '{Assessment.Pass}' or '{Assessment.Fail}'.");
            ok = false;
        }

        if (a.ReportSha256 is null || !Sha256Hex().IsMatch(a.ReportSha256))
        {
            errors.Add("assessment.reportSha256", "must be the report's SHA-256 as 64 hexadecimal characters.");
            ok = false;
        }

        return ok ? new Assessment(a.Agency!.Trim(), a.ReportReference!.Trim(), a.Conclusion!, a.ReportSha256!.ToLowerInvariant()) : null;
    }

    private static Filing? ValidateFiling(ValidationErrors errors, FilingRequest f)
    {
        var ok = Text(errors, "filing.authority", f.Authority, MaxShortFieldLength)
            & Text(errors, "filing.reference", f.Reference, MaxShortFieldLength);
        var acceptedAt = DateTime(errors, "filing.acceptedAt", f.AcceptedAt);
        return ok && acceptedAt is not null ? new Filing(f.Authority!.Trim(), f.Reference!.Trim(), acceptedAt.Value) : null;
    }

    private static AlgorithmDisclosure? ValidateAlgorithm(ValidationErrors errors, AlgorithmRequest a)
    {
        var ok = Text(errors, "algorithm.name", a.Name, MaxShortFieldLength)
            & Text(errors, "algorithm.purpose", a.Purpose, MaxPurposeLength);
        var parameters = new List<AlgorithmParameter>();
        var given = a.MainParameters ?? [];
        if (given.Count > MaxParameters)
        {
            errors.Add("algorithm.mainParameters", $"must list at most {MaxParameters} parameters.");
            ok = false;
        }

        for (var i = 0; i < Math.Min(given.Count, MaxParameters); i++)
        {
            var p = given[i];
            if (p is null)
            {
                errors.Add($"algorithm.mainParameters[{i}]", "must be an object with name and description.");
                ok = false;
                continue;
            }

            if (Text(errors, $"algorithm.mainParameters[{i}].name", p.Name, MaxParameterNameLength)
                & Text(errors, $"algorithm.mainParameters[{i}].description", p.Description, MaxParameterDescriptionLength))
            {
                parameters.Add(new AlgorithmParameter(p.Name!.Trim(), p.Description!.Trim()));
            }
            else
            {
                ok = false;
            }
        }

        if (a.FilingNumber is not null && (string.IsNullOrWhiteSpace(a.FilingNumber) || a.FilingNumber.Length > MaxShortFieldLength))
        {
            errors.Add("algorithm.filingNumber", $"must be non-empty and at most {MaxShortFieldLength} characters when given.");
            ok = false;
        }
        else if (TextRules.HasForbiddenCharacters(a.FilingNumber))
        {
            errors.Add("algorithm.filingNumber", TextRules.ControlCharacterMessage);
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        // Opt-out and parameters may still be missing in a draft: the publish gate asks for them.
        var algorithm = new AlgorithmDisclosure(a.Name!.Trim(), a.Purpose!.Trim(), parameters, a.PersonalizationOptOut ?? false, a.FilingNumber?.Trim());
        if (Aggregates.JsonColumns.Serialize(algorithm).Length > MaxBlockJsonLength)
        {
            errors.Add("algorithm", $"is too long in total: at most {MaxBlockJsonLength} characters once stored.");
            return null;
        }

        return algorithm;
    }

    private static bool Text(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required and must not be empty.");
            return false;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters.");
            return false;
        }

        if (TextRules.HasForbiddenCharacters(value))
        {
            errors.Add(field, TextRules.ControlCharacterMessage);
            return false;
        }

        return true;
    }

    /// <summary>ISO 8601 date or date-time; without an offset it is UTC. Kept to whole milliseconds so every store round-trips it.</summary>
    private static DateTimeOffset? DateTime(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required (an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z).");
            return null;
        }

        if (!IsoDate().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            errors.Add(field, "must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z.");
            return null;
        }

        if (parsed < EarliestDate || parsed > LatestDate)
        {
            errors.Add(field, $"must be between {DisclosureGates.Iso(EarliestDate)} and {DisclosureGates.Iso(LatestDate)}.");
            return null;
        }

        return new DateTimeOffset(parsed.UtcTicks - (parsed.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoDate();
}
