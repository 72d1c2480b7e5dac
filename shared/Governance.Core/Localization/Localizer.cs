using Microsoft.Extensions.Options;
using NodaTime;

namespace Governance.Core.Localization;

/// <summary>
/// The one localization of the app's HTML reports: which language a reader gets and the platform's time zone.
/// A report asks for the reader's <see cref="ReaderLocale"/> (from the request's <c>Accept-Language</c>), takes
/// its strings from its own <see cref="Catalog{TStrings}"/> for that language, and writes times with it.
/// </summary>
public sealed class Localizer(IOptions<LocalizationOptions> options)
{
    private readonly Language _default = Language.Find(options.Value.DefaultLanguage)
        ?? throw new InvalidOperationException($"Unsupported default language '{options.Value.DefaultLanguage}'.");

    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[options.Value.TimeZone.Trim()];

    /// <summary>What a reader who states no preference gets.</summary>
    public ReaderLocale Default => new(_default, _zone);

    /// <summary>The reader's language by <paramref name="acceptLanguage"/> (q-values honoured), in the platform's zone.</summary>
    public ReaderLocale ForAcceptLanguage(string? acceptLanguage) => new(LanguageNegotiation.Negotiate(acceptLanguage, _default), _zone);
}
