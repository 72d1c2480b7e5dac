using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Governance.Core.Tests.Infra;

/// <summary>
/// One template of the ARM JSON that Bicep emits: main, or a module's nested deployment. Resolves the template
/// expressions the infra checks need to read values known before deployment: <c>parameters()</c> (the value the
/// parent deployment passes, else the default), <c>variables()</c>, <c>format()</c>, <c>concat()</c>, the resource-id
/// functions, property and index access. Anything else (<c>reference()</c>, <c>uniqueString()</c>, …) is unknown: null.
/// </summary>
internal sealed class ArmTemplate(JsonObject template, string name, Func<string, (bool Passed, JsonNode? Value)>? passedParameter = null)
{
    private static readonly string[] ResourceIdFunctions = ["subscriptionResourceId", "tenantResourceId", "resourceId", "extensionResourceId"];

    public string Name => name;

    public JsonObject Json => template;

    public JsonObject Parameters => template["parameters"] as JsonObject ?? [];

    /// <summary>The template's resources, whether an array (language version 1) or keyed by symbolic name (version 2).</summary>
    public IEnumerable<(string Symbol, JsonObject Resource)> Resources => template["resources"] switch
    {
        JsonObject byName => byName.Select(p => (p.Key, p.Value!.AsObject())),
        JsonArray list => list.Select((r, i) => (r!["name"]?.ToString() ?? i.ToString(CultureInfo.InvariantCulture), r.AsObject())),
        _ => [],
    };

    /// <summary>Modules: the nested deployments, each as a template whose parameters are what this one passes.</summary>
    public IEnumerable<(string Symbol, JsonObject Deployment, ArmTemplate Template)> Modules
        => Resources.Where(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments" && r.Resource["properties"]?["template"] is JsonObject)
            .Select(r => (r.Symbol, r.Resource, new ArmTemplate(
                r.Resource["properties"]!["template"]!.AsObject(),
                $"{name}/{r.Symbol}",
                parameter => r.Resource["properties"]?["parameters"]?[parameter] is JsonObject passed ? (true, Resolve(passed["value"]?.DeepClone())) : (false, null))));

    /// <summary>This template's resources and those of every module below it, with the template each belongs to.</summary>
    public IEnumerable<(ArmTemplate Template, string Symbol, JsonObject Resource)> AllResources()
        => Resources.Select(r => (this, r.Symbol, r.Resource)).Concat(Modules.SelectMany(m => m.Template.AllResources()));

    /// <summary>A value with its template expressions evaluated (null where one is unknown); literals as they are.</summary>
    public JsonNode? Resolve(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<string>(out var text) && IsExpression(text) ? new Expression(this, text[1..^1]).Evaluate() : node;

    /// <summary>The string a value resolves to, or null.</summary>
    public string? ResolveString(JsonNode? node) => Resolve(node) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool IsExpression(string text) => text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']');

    private JsonNode? Parameter(string parameter)
        => passedParameter?.Invoke(parameter) is (true, var value) ? value : Resolve(Parameters[parameter]?["defaultValue"]?.DeepClone());

    private JsonNode? Variable(string variable) => Resolve((template["variables"] as JsonObject)?[variable]?.DeepClone());

    /// <summary>A recursive-descent reader of one expression (the part between the brackets).</summary>
    private sealed class Expression(ArmTemplate scope, string text)
    {
        private int _at;

        public JsonNode? Evaluate()
        {
            var value = Term();
            Skip();
            return _at == text.Length ? value : throw new FormatException($"Unexpected '{text[_at..]}' in [{text}].");
        }

        private JsonNode? Term()
        {
            Skip();
            JsonNode? value;
            if (text[_at] == '\'')
            {
                value = JsonValue.Create(StringLiteral());
            }
            else if (char.IsAsciiDigit(text[_at]) || text[_at] == '-')
            {
                var start = _at++;
                while (_at < text.Length && char.IsAsciiDigit(text[_at]))
                {
                    _at++;
                }

                value = JsonValue.Create(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }
            else
            {
                var function = Identifier();
                Expect('(');
                var arguments = new List<JsonNode?>();
                while (!TryTake(')'))
                {
                    arguments.Add(Term());
                    TryTake(',');
                }

                value = Call(function, arguments);
            }

            while (true)
            {
                if (TryTake('.'))
                {
                    var property = Identifier();
                    value = value is JsonObject o ? scope.Resolve(o[property]?.DeepClone()) : null;
                }
                else if (TryTake('['))
                {
                    var index = Term();
                    Expect(']');
                    value = (value, index) switch
                    {
                        (JsonArray a, JsonValue i) when i.TryGetValue<long>(out var n) && n >= 0 && n < a.Count => scope.Resolve(a[(int)n]?.DeepClone()),
                        (JsonObject o, JsonValue k) when k.TryGetValue<string>(out var key) => scope.Resolve(o[key]?.DeepClone()),
                        _ => null,
                    };
                }
                else
                {
                    return value;
                }
            }
        }

        private JsonNode? Call(string function, List<JsonNode?> arguments)
        {
            string? Text(JsonNode? node) => node is JsonValue v && (v.TryGetValue<string>(out var s) || (v.TryGetValue<long>(out var n) && (s = n.ToString(CultureInfo.InvariantCulture)) is not null)) ? s : null;
            var texts = arguments.Select(Text).ToList();
            return function switch
            {
                "parameters" when texts is [{ } name] => scope.Parameter(name),
                "variables" when texts is [{ } name] => scope.Variable(name),
                "format" when texts.Count >= 1 && texts.All(t => t is not null) => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, texts[0]!, texts.Skip(1).ToArray<object?>())),
                "concat" when texts.All(t => t is not null) => JsonValue.Create(string.Concat(texts)),
                _ when ResourceIdFunctions.Contains(function) && texts.All(t => t is not null) => JsonValue.Create("/" + string.Join('/', texts)),
                _ => null,
            };
        }

        private string StringLiteral()
        {
            var value = new StringBuilder();
            _at++;
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw new FormatException($"Unterminated string in [{text}].");
                }

                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'')
                    {
                        value.Append('\'');
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return value.ToString();
                }

                value.Append(text[_at++]);
            }
        }

        private string Identifier()
        {
            Skip();
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw new FormatException($"Expected a name at {start} in [{text}].");
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw new FormatException($"Expected '{c}' at {_at} in [{text}].");
            }
        }

        private bool TryTake(char c)
        {
            Skip();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Skip()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }
    }
}
