namespace Governance.Core.Validation;

/// <summary>
/// Characters free text may hold. Control characters (and the non-characters U+FFFE/U+FFFF) have no place in a
/// title, a name or an identifier and cannot be written to XML at all, so one in a published title would break
/// the Atom feed for every reader. Multi-line text may still hold tab, line feed and carriage return.
/// </summary>
public static class TextRules
{
    public const string ControlCharacterMessage = "must not contain control characters (tab, line feed and carriage return are allowed).";
    public const string SingleLineControlCharacterMessage = "must not contain control characters.";

    public static bool HasForbiddenCharacters(string? value, bool allowLineBreaks = true)
        => value is not null && value.Any(c => IsForbidden(c, allowLineBreaks));

    public static bool IsForbidden(char c, bool allowLineBreaks = true)
        => (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF';
}
