using Governance.Core.Configuration;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Governance.Core.Localization;

/// <summary>Settings <c>Localization__DefaultLanguage</c> and <c>Localization__TimeZone</c>, checked when the host starts.</summary>
public sealed class LocalizationOptions
{
    public const string SectionName = "Localization";

    /// <summary>The language of readers who state no usable preference: a tag of <see cref="Language.All"/>.</summary>
    public string DefaultLanguage { get; set; } = Language.ChineseSimplified.Tag;

    /// <summary>The platform's time zone (IANA id) in which reports show times.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

public sealed class LocalizationOptionsValidator : IValidateOptions<LocalizationOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalizationOptions options)
    {
        var failures = new List<string>();
        if (Language.Find(options.DefaultLanguage) is null)
        {
            failures.Add($"{AppSettingNames.LocalizationDefaultLanguage} must be one of {string.Join(", ", Language.All.Select(l => l.Tag))}; '{options.DefaultLanguage}' is not supported.");
        }

        if (string.IsNullOrWhiteSpace(options.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone.Trim()) is null)
        {
            failures.Add($"{AppSettingNames.LocalizationTimeZone} must be an IANA time zone id such as Asia/Shanghai; '{options.TimeZone}' is not in the time zone database.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
