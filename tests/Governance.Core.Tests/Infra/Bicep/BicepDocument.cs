using System.Globalization;
using System.Text;

namespace Governance.Core.Tests.Infra.Bicep;

/// <summary>The declarations of one Bicep file, and evaluation of the values that are known before deployment.</summary>
internal sealed class BicepDocument(string name)
{
    private const int MaxEvaluationDepth = 32;

    public string Name { get; } = name;

    public BicepNode? TargetScope { get; set; }

    public Dictionary<string, BicepParameter> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BicepVariable> Variables { get; } = new(StringComparer.Ordinal);

    public List<BicepResource> Resources { get; } = [];

    public Dictionary<string, BicepModule> Modules { get; } = new(StringComparer.Ordinal);

    public List<BicepOutput> Outputs { get; } = [];

    public static BicepDocument Parse(string source, string name = "inline.bicep") => BicepParser.ParseDocument(source, name);

    public static BicepDocument Load(string path) => BicepParser.ParseDocument(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Every resource in declaration order, nested ones after their parent, with its body unwrapped from loops and conditions.</summary>
    public IEnumerable<(BicepResource Resource, BicepObject Body)> AllResources() => WithNested(Resources);

    private static IEnumerable<(BicepResource Resource, BicepObject Body)> WithNested(IEnumerable<BicepResource> resources)
    {
        foreach (var resource in resources)
        {
            if (Unwrap(resource.Body) is not { } body)
            {
                continue;
            }

            yield return (resource, body);
            foreach (var nested in WithNested(body.NestedResources))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The object inside <c>if (...) {...}</c> and <c>[for ...: {...}]</c>, or the node itself when it is an object.</summary>
    public static BicepObject? Unwrap(BicepNode node) => node switch
    {
        BicepObject o => o,
        BicepCondition c => Unwrap(c.Body),
        BicepFor f => Unwrap(f.Body),
        _ => null,
    };

    /// <summary>
    /// The value of a node when it is known before deployment: a string, long, bool, <see cref="BicepObject"/> or
    /// <see cref="BicepArray"/>. References resolve through variables and parameter defaults; strings interpolate.
    /// Null when the value depends on the deployment (module outputs, functions).
    /// </summary>
    public object? Evaluate(BicepNode node) => Evaluate(node, 0);

    private object? Evaluate(BicepNode node, int depth)
    {
        if (depth > MaxEvaluationDepth)
        {
            throw new InvalidOperationException($"{Name} line {node.Line}: references nest too deep (a cycle?).");
        }

        return node switch
        {
            BicepLiteral literal => literal.Value,
            BicepString text => Interpolate(text, depth),
            BicepObject or BicepArray => node,
            BicepReference reference => Resolve(reference, depth),
            _ => null,
        };
    }

    private object? Resolve(BicepReference reference, int depth)
    {
        var root = reference.Path[0];
        object? value = Variables.TryGetValue(root, out var variable) ? Evaluate(variable.Value, depth + 1)
            : Parameters.TryGetValue(root, out var parameter) && parameter.DefaultValue is not null ? Evaluate(parameter.DefaultValue, depth + 1)
            : null;
        foreach (var member in reference.Path.Skip(1))
        {
            value = value is BicepObject obj && obj[member] is { } property ? Evaluate(property, depth + 1) : null;
        }

        return value;
    }

    private string? Interpolate(BicepString text, int depth)
    {
        var result = new StringBuilder();
        foreach (var part in text.Parts)
        {
            var value = part.Literal ?? Evaluate(BicepParser.ParseExpression(part.Expression!), depth + 1) switch
            {
                string s => s,
                long n => n.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            result.Append(value);
        }

        return result.ToString();
    }
}
