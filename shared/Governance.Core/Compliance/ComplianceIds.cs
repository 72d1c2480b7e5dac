using System.Text.RegularExpressions;
using Governance.Core.Idempotency;

namespace Governance.Core.Compliance;

/// <summary>
/// Ids of compliance records: a prefix and the 32 hex digits of the operation that created the record, so a
/// retried create (same operation id, see <see cref="IdempotentOperations"/>) names the same record and finds it
/// instead of writing a second one. Anything else in a URL is simply not found.
/// </summary>
public static partial class ComplianceIds
{
    public const string AssetPrefix = "ast_";
    public const string ExportPrefix = "exp_";
    public const string IncidentPrefix = "inc_";
    public const string FilingPrefix = "fil_";
    public const string ActionPrefix = "act_";

    public static string For(string prefix, string operationId)
        => IsOperationId(operationId) ? prefix + operationId : throw new ArgumentException($"'{operationId}' is not an operation id.", nameof(operationId));

    /// <summary>Whether <paramref name="id"/> has the form of an id with <paramref name="prefix"/>.</summary>
    public static bool Is(string? id, string prefix)
        => id is not null && id.StartsWith(prefix, StringComparison.Ordinal) && IsOperationId(id[prefix.Length..]);

    private static bool IsOperationId(string value) => value.Length == IdempotentOperations.IdLength && Hex().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex Hex();
}
