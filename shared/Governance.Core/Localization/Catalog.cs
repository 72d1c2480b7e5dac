namespace Governance.Core.Localization;

/// <summary>
/// One report's strings in every supported language: a record of the report's own type (labels as strings,
/// sentences with values as functions, so word order can differ per language). Construction fails unless
/// every <see cref="Language.All"/> has its strings, so a report cannot ship a language half translated.
/// </summary>
public sealed class Catalog<TStrings>
    where TStrings : class
{
    private readonly Dictionary<Language, TStrings> _strings;

    public Catalog(IReadOnlyDictionary<Language, TStrings> strings)
    {
        var missing = Language.All.Where(l => !strings.ContainsKey(l)).Select(l => l.Tag).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{typeof(TStrings).Name} has no strings for {string.Join(", ", missing)}.", nameof(strings));
        }

        _strings = new Dictionary<Language, TStrings>(strings);
    }

    public TStrings For(Language language) => _strings[language];

    public TStrings For(ReaderLocale locale) => For(locale.Language);
}
