namespace Governance.Core.Validation;

/// <summary>
/// Control characters in stored text break what is built from it later (XML feeds, logs, table keys), so
/// text fields reject them: single-line fields all of them, multi-line fields all but tab, line feed and carriage return.
/// </summary>
public static class ControlCharacters
{
    public static bool In(string? value, bool allowLineBreaks = false)
        => value is not null && value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'));

    public static ValidationErrors NoControlCharacters(this ValidationErrors errors, string field, string? value, bool allowLineBreaks = false)
    {
        if (In(value, allowLineBreaks))
        {
            errors.Add(field, allowLineBreaks
                ? "must not contain control characters other than tab and line breaks."
                : "must not contain control characters.");
        }

        return errors;
    }
}
