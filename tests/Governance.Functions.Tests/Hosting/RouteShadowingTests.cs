using Governance.Functions.Hosting;

namespace Governance.Functions.Tests.Hosting;

/// <summary>
/// On the Functions host, overlapping HTTP routes are tried in function-name order (azure-functions-host#9876):
/// a parameter route named before a literal route with the same shape captures the literal path. Each such pair
/// in the app must be one where the capturing function knowingly serves the literal path too.
/// </summary>
public sealed class RouteShadowingTests
{
    /// <summary>Shadowing pairs whose capturing function handles the literal itself (each has an end-to-end test).</summary>
    private static readonly HashSet<(string Capturing, string Shadowed)> Handled =
    [
        ("GetCurrentDisclosure", "GetDisclosureFeed"),
    ];

    [Fact]
    public void No_literal_route_is_silently_captured_by_a_parameter_route_named_before_it()
    {
        var http = FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly).Where(f => f.Trigger == TriggerKind.Http).ToList();

        var shadowed = (
            from first in http
            from second in http
            where !ReferenceEquals(first, second)
                && StringComparer.OrdinalIgnoreCase.Compare(first.Name, second.Name) < 0
                && MethodsOverlap(first, second)
                && Captures(first.EffectiveRoute, second.EffectiveRoute)
            select (first.Name, second.Name)).ToList();

        var unexpected = shadowed.Where(p => !Handled.Contains(p)).ToList();
        Assert.True(unexpected.Count == 0, "Routes captured by a function named earlier: " + string.Join("; ", unexpected.Select(p => $"{p.Item1} captures {p.Item2}")));
        Assert.All(Handled, pair => Assert.Contains(pair, shadowed));
    }

    [Theory]
    [InlineData("items/{id}", "items/recent", true)]
    [InlineData("items/recent", "items/{id}", false)]
    [InlineData("items/{id}", "items/{id}/parts", false)]
    [InlineData("a/{x}/c", "a/b/c", true)]
    [InlineData("a/{x}/c", "a/b/d", false)]
    public void Capture_rule(string template, string other, bool captures) => Assert.Equal(captures, Captures(template, other));

    private static bool MethodsOverlap(FunctionDescriptor a, FunctionDescriptor b)
        => a.HttpMethods is not { Count: > 0 } || b.HttpMethods is not { Count: > 0 } || a.HttpMethods.Intersect(b.HttpMethods, StringComparer.OrdinalIgnoreCase).Any();

    /// <summary>Whether every path <paramref name="other"/> matches is also matched by <paramref name="template"/>, and they differ.</summary>
    private static bool Captures(string template, string other)
    {
        var t = template.Trim('/').Split('/');
        var o = other.Trim('/').Split('/');
        if (t.Length != o.Length || template == other)
        {
            return false;
        }

        var differs = false;
        for (var i = 0; i < t.Length; i++)
        {
            var parameter = t[i].StartsWith('{');
            if (!parameter && !string.Equals(t[i], o[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            differs |= parameter && !o[i].StartsWith('{');
        }

        return differs;
    }
}
