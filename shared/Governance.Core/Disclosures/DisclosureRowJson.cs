using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Disclosures;

/// <summary>
/// JSON for the structured blocks stored in table properties: the app's conventions, but without escaping
/// non-ASCII text (a CJK character stays one character instead of six), so the property limits hold.
/// </summary>
public static class DisclosureRowJson
{
    private static readonly JsonSerializerOptions Options = new(GovernanceJson.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
