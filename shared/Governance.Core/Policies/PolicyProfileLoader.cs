using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Compliance;
using Governance.Core.Json;
using Governance.Core.Money;
using Governance.Core.Onboarding;

namespace Governance.Core.Policies;

/// <summary>Reads and validates profile files; every problem is reported with the file it came from.</summary>
public static class PolicyProfileLoader
{
    private const string ResourcePrefix = "Governance.Core.Policies.Profiles.";
    private static readonly string[] AdvanceCompensationModes = ["duty", "platform_policy"];
    private static readonly string[] Statuses = ["draft", "in_force"];

    private static readonly JsonSerializerOptions StrictOptions = CreateOptions();

    /// <summary>The ids of the profiles shipped in this assembly.</summary>
    public static IReadOnlyList<string> EmbeddedIds()
        => typeof(PolicyProfileLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static PolicyProfile LoadEmbedded(string id)
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream(ResourcePrefix + id + ".json")
            ?? throw new PolicyProfileException(
                $"Unknown policy profile '{id}' (setting Governance__PolicyProfile). Available: {string.Join(", ", EmbeddedIds())}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{id}.json", expectedId: id);
    }

    public static PolicyProfile Parse(string json, string source, string? expectedId = null)
    {
        PolicyProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<PolicyProfile>(json, StrictOptions);
        }
        catch (JsonException ex)
        {
            throw new PolicyProfileException($"Policy profile {source} is malformed at {ex.Path ?? "$"}: {ex.Message}", ex);
        }

        if (profile is null)
        {
            throw new PolicyProfileException($"Policy profile {source} is empty.");
        }

        var errors = Validate(profile, expectedId);
        return errors.Count == 0
            ? profile
            : throw new PolicyProfileException($"Policy profile {source} is invalid: {string.Join(" ", errors)}");
    }

    public static IReadOnlyList<string> Validate(PolicyProfile profile, string? expectedId = null)
    {
        var errors = new List<string>();
        if (expectedId is not null && profile.Id != expectedId)
        {
            errors.Add($"id '{profile.Id}' does not match the file name '{expectedId}'.");
        }

        Require(errors, "title", profile.Title);
        Require(errors, "jurisdiction", profile.Jurisdiction);
        if (!Statuses.Contains(profile.Status))
        {
            errors.Add($"status must be one of {string.Join(", ", Statuses)}.");
        }

        if (profile.Instruments.Count == 0)
        {
            errors.Add("instruments must list at least one legal instrument.");
        }

        var duplicates = profile.Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"duplicate rule ids: {string.Join(", ", duplicates)}.");
        }

        foreach (var rule in profile.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || string.IsNullOrWhiteSpace(rule.Title) || string.IsNullOrWhiteSpace(rule.Citation))
            {
                errors.Add($"rule '{rule.Id}' needs an id, a title and a citation.");
            }
        }

        PricingPolicy.Validate(profile, errors);
        var missing = PolicyRuleIds.Required.Where(id => !profile.HasRule(id)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"missing rules: {string.Join(", ", missing)}.");
        }

        var t = profile.Thresholds;
        var large = t.LargePlatform;
        if (large.DailyActiveUsersAbove is null && large.MonthlyActiveUsersAtLeast is null && large.RegisteredUsersAtLeast is null)
        {
            errors.Add("thresholds.largePlatform needs at least one criterion.");
        }

        Positive(errors, "thresholds.largePlatform.dailyActiveUsersAbove", large.DailyActiveUsersAbove);
        Positive(errors, "thresholds.largePlatform.monthlyActiveUsersAtLeast", large.MonthlyActiveUsersAtLeast);
        Positive(errors, "thresholds.largePlatform.registeredUsersAtLeast", large.RegisteredUsersAtLeast);
        if (t.Disclosure.NoticeDays < 0)
        {
            errors.Add("thresholds.disclosure.noticeDays must not be negative.");
        }

        var claims = t.Claims;
        if (!AdvanceCompensationModes.Contains(claims.AdvanceCompensation))
        {
            errors.Add($"thresholds.claims.advanceCompensation must be one of {string.Join(", ", AdvanceCompensationModes)}.");
        }

        Positive(errors, "thresholds.claims.claimWindowDays", claims.ClaimWindowDays);
        Positive(errors, "thresholds.claims.userClaimLimitPer30Days", claims.UserClaimLimitPer30Days);
        Positive(errors, "thresholds.claims.recourseOverdueDays", claims.RecourseOverdueDays);
        ClaimCurrencies(errors, claims.Currencies);

        var pricing = t.Pricing;
        Positive(errors, "thresholds.pricing.minObservationsPerGroup", pricing.MinObservationsPerGroup);
        Positive(errors, "thresholds.pricing.minPriceDifferenceBasisPoints", pricing.MinPriceDifferenceBasisPoints);
        if (pricing.SignificanceLevel is <= 0 or >= 1)
        {
            errors.Add("thresholds.pricing.significanceLevel must be between 0 and 1 (exclusive).");
        }

        OnboardingPolicyValidator.Validate(profile.Onboarding, errors);
        CompliancePolicyValidator.Validate(profile, errors);
        return errors;
    }

    private static void Require(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required.");
        }
    }

    private static void Positive(List<string> errors, string field, long? value)
    {
        if (value is <= 0)
        {
            errors.Add($"{field} must be positive.");
        }
    }

    /// <summary>At least one currency, each an active ISO 4217 code listed once, with cap ≥ auto-approval limit ≥ 0 and a positive cap.</summary>
    private static void ClaimCurrencies(List<string> errors, IReadOnlyList<ClaimCurrencyLimits> currencies)
    {
        if (currencies.Count == 0)
        {
            errors.Add("thresholds.claims.currencies must list at least one currency.");
        }

        for (var i = 0; i < currencies.Count; i++)
        {
            var field = $"thresholds.claims.currencies[{i}]";
            var limits = currencies[i];
            if (!Iso4217.IsActive(limits.Currency))
            {
                errors.Add($"{field}.currency '{limits.Currency}' is not an active ISO 4217 currency code.");
            }
            else if (currencies.Take(i).Any(c => c.Currency == limits.Currency))
            {
                errors.Add($"{field}.currency '{limits.Currency}' is listed twice.");
            }

            if (limits.PerClaimCap <= 0)
            {
                errors.Add($"{field}.perClaimCap must be a positive number of minor units.");
            }

            if (limits.AutoApprovalLimit < 0)
            {
                errors.Add($"{field}.autoApprovalLimit must not be negative.");
            }
            else if (limits.AutoApprovalLimit > limits.PerClaimCap)
            {
                errors.Add($"{field}.autoApprovalLimit must not exceed perClaimCap.");
            }
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(GovernanceJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>A profile that cannot be used: the app must not start with it.</summary>
public sealed class PolicyProfileException : InvalidOperationException
{
    public PolicyProfileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
