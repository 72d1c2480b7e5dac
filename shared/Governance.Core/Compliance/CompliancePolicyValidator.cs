using Governance.Core.Onboarding;
using Governance.Core.Platform;
using Governance.Core.Policies;

namespace Governance.Core.Compliance;

/// <summary>
/// Checks a profile's <c>compliance</c> section at load, so a typo stops start-up like the rest of the profile:
/// every rule it names exists (with its citation), values are from the known sets, figures are in range, every
/// filing kind has at least one duty, and deadlines sharing a duty name never apply to the same operator.
/// </summary>
public static class CompliancePolicyValidator
{
    public static void Validate(PolicyProfile profile, List<string> errors)
    {
        var missing = ComplianceRuleIds.Required.Where(id => !profile.HasRule(id)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"missing compliance rules: {string.Join(", ", missing)}.");
        }

        var c = profile.Compliance;
        Exports(c.Exports, errors);
        Incidents(profile, c.Incidents, errors);
        Filings(profile, c.Filings, errors);
    }

    private static void Exports(ExportRules exports, List<string> errors)
    {
        Threshold(exports.PersonalInformation, "compliance.exports.personalInformation", errors);
        Threshold(exports.SensitivePersonalInformation, "compliance.exports.sensitivePersonalInformation", errors);
        if (exports.AssessmentValidityDays is < 1 or > 3660)
        {
            errors.Add("compliance.exports.assessmentValidityDays must be between 1 and 3660.");
        }

        if (exports.ExpiryWarningDays is < 1 || exports.ExpiryWarningDays >= exports.AssessmentValidityDays)
        {
            errors.Add("compliance.exports.expiryWarningDays must be at least 1 and shorter than assessmentValidityDays.");
        }

        if (exports.RecordRetentionYears is < 1 or > 100)
        {
            errors.Add("compliance.exports.recordRetentionYears must be between 1 and 100.");
        }
    }

    private static void Threshold(ExportThreshold threshold, string field, List<string> errors)
    {
        if (threshold.IndividualsAtLeast < 1)
        {
            errors.Add($"{field}.individualsAtLeast must be positive.");
        }

        if (!ExportCounting.All.Contains(threshold.Counting))
        {
            errors.Add($"{field}.counting must be one of {string.Join(", ", ExportCounting.All)}.");
        }
    }

    private static void Incidents(PolicyProfile profile, IncidentRules incidents, List<string> errors)
    {
        if (incidents.ApproachingWhenRemainingPercent is < 1 or > 99)
        {
            errors.Add("compliance.incidents.approachingWhenRemainingPercent must be between 1 and 99.");
        }

        if (incidents.Deadlines.Count == 0)
        {
            errors.Add("compliance.incidents.deadlines must list at least one deadline.");
        }

        for (var i = 0; i < incidents.Deadlines.Count; i++)
        {
            var d = incidents.Deadlines[i];
            var at = $"compliance.incidents.deadlines[{i}]";
            Name(d.Duty, $"{at}.duty", errors);
            Text(d.Authority, $"{at}.authority", errors);
            Rule(profile, d.RuleId, at, errors);
            OneOf(d.MetBy, IncidentActionKinds.All, $"{at}.metBy", errors);
            OneOf(d.Starts, DeadlineStarts.All, $"{at}.starts", errors);
            if (d.Hours is < 1 or > 24 * 366)
            {
                errors.Add($"{at}.hours must be between 1 and {24 * 366}.");
            }

            Subset(d.Severities, IncidentSeverities.All, $"{at}.severities", errors);
            Subset(d.OperatorTypes, OperatorTypes.All, $"{at}.operatorTypes", errors);
            if (d.Data is { } data)
            {
                Subset(data.Classifications, DataClassifications.All, $"{at}.data.classifications", errors);
                if (data.IndividualsAffectedAtLeast is < 1 || (data.Classifications.Count == 0 && data.IndividualsAffectedAtLeast is null))
                {
                    errors.Add($"{at}.data needs classifications or a positive individualsAffectedAtLeast.");
                }
            }
        }

        // One deadline per duty and incident: rules sharing a duty split the operators between them.
        foreach (var group in incidents.Deadlines.GroupBy(d => d.Duty, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var types = group.Select(d => d.OperatorTypes).ToList();
            if (types.Any(t => t is null) || types.SelectMany(t => t!).GroupBy(t => t).Any(t => t.Count() > 1))
            {
                errors.Add($"compliance.incidents.deadlines: the rules of duty '{group.Key}' must name operatorTypes that do not overlap.");
            }
        }
    }

    private static void Filings(PolicyProfile profile, FilingRules filings, List<string> errors)
    {
        for (var i = 0; i < filings.Duties.Count; i++)
        {
            var d = filings.Duties[i];
            var at = $"compliance.filings.duties[{i}]";
            Name(d.Duty, $"{at}.duty", errors);
            Text(d.Authority, $"{at}.authority", errors);
            Rule(profile, d.RuleId, at, errors);
            if (d.Kinds.Count == 0)
            {
                errors.Add($"{at}.kinds must name at least one kind.");
            }

            Subset(d.Kinds, FilingKinds.All, $"{at}.kinds", errors);
            if (d.DueDaysBeforeEvent is < 0 or > 3660)
            {
                errors.Add($"{at}.dueDaysBeforeEvent must be between 0 and 3660, or null.");
            }

            if (d.When.IndividualsAbove is < 0 || d.When.IndividualsAtLeast is < 1)
            {
                errors.Add($"{at}.when: individualsAbove must not be negative and individualsAtLeast must be positive.");
            }
        }

        var uncovered = FilingKinds.All.Where(k => !filings.Duties.Any(d => d.Kinds.Contains(k))).ToList();
        if (uncovered.Count > 0)
        {
            errors.Add($"compliance.filings.duties name no duty for: {string.Join(", ", uncovered)}.");
        }

        foreach (var kind in FilingKinds.All)
        {
            var twice = filings.Duties.Where(d => d.Kinds.Contains(kind)).GroupBy(d => d.Duty, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (twice.Count > 0)
            {
                errors.Add($"compliance.filings.duties: duty {string.Join(", ", twice)} is listed twice for kind {kind}.");
            }
        }
    }

    private static void Rule(PolicyProfile profile, string ruleId, string at, List<string> errors)
    {
        if (!profile.HasRule(ruleId))
        {
            errors.Add($"{at}.ruleId '{ruleId}' is not a rule of this profile.");
        }
    }

    private static void Name(string value, string field, List<string> errors)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            errors.Add($"{field} must be 1 to 64 characters of a-z, 0-9 and '_'.");
        }
    }

    private static void Text(string value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required.");
        }
    }

    private static void OneOf(string value, IReadOnlyList<string> allowed, string field, List<string> errors)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add($"{field} must be one of {string.Join(", ", allowed)}.");
        }
    }

    private static void Subset(IReadOnlyList<string>? values, IReadOnlyList<string> allowed, string field, List<string> errors)
    {
        var unknown = (values ?? []).Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"{field} has unknown values: {string.Join(", ", unknown)} (allowed: {string.Join(", ", allowed)}).");
        }
    }
}
