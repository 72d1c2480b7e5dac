using Governance.Core.Problems;

namespace Governance.Core.Validation;

/// <summary>Collects field → messages and throws one 400 problem listing all of them.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }

        return this;
    }

    public ValidationErrors MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"must be at most {max} characters.");
        }

        return this;
    }

    /// <summary>Rejects every control character, line breaks included unless <paramref name="allowLineBreaks"/>.</summary>
    public ValidationErrors NoControlCharacters(string field, string? value, bool allowLineBreaks = false)
    {
        if (TextRules.HasForbiddenCharacters(value, allowLineBreaks))
        {
            Add(field, allowLineBreaks ? TextRules.ControlCharacterMessage : TextRules.SingleLineControlCharacterMessage);
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary()
        => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw GovernanceProblem.Validation(ToDictionary());
        }
    }
}
