namespace Governance.Core.Validation;

/// <summary>
/// Characters free text may hold. Control characters other than tab, line feed and carriage return (and the
/// non-characters U+FFFE/U+FFFF) have no place in a title or a name and cannot be written to XML at all, so
/// one in a published title would break the Atom feed for every reader.
/// </summary>
public static class TextRules
{
    public const string ControlCharacterMessage = "must not contain control characters (tab, line feed and carriage return are allowed).";

    public static bool HasForbiddenCharacters(string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsForbidden(char c)
        => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF';
}
