using System.Reflection;
using Governance.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Hosting;

public enum TriggerKind
{
    Http,
    Timer,
    Queue,
}

/// <summary>One <c>[Function]</c> method and the trigger it declares, as read from its attributes.</summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    TriggerKind Trigger,
    ParameterInfo TriggerParameter,
    string? Route = null,
    IReadOnlyList<string>? HttpMethods = null,
    string? QueueName = null,
    string? Connection = null,
    string? Schedule = null,
    bool RunOnStartup = false)
{
    /// <summary>Who may call it (HTTP functions), as declared on the method; null when it declares nothing.</summary>
    public AccessAttribute? Access { get; init; } = Method.GetCustomAttribute<AccessAttribute>();

    /// <summary>The HTTP route relative to the prefix; the function name when the attribute sets none.</summary>
    public string EffectiveRoute => string.IsNullOrWhiteSpace(Route) ? Name : Route.Trim('/');
}

/// <summary>Finds the functions of an assembly the way the worker SDK's metadata generator does: by attributes.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } || t is { IsAbstract: true, IsSealed: true }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is not null)
                {
                    functions.Add(Describe(function.Name, method));
                }
            }
        }

        var duplicates = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Function names must be unique; repeated: {string.Join(", ", duplicates)}.");
        }

        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = http.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToArray() : [];
                return new FunctionDescriptor(name, method, TriggerKind.Http, parameter, Route: http.Route, HttpMethods: methods);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionDescriptor(name, method, TriggerKind.Timer, parameter, Schedule: timer.Schedule, RunOnStartup: timer.RunOnStartup);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionDescriptor(name, method, TriggerKind.Queue, parameter, QueueName: queue.QueueName, Connection: queue.Connection);
            }
        }

        throw new InvalidOperationException($"Function '{name}' ({method.DeclaringType?.FullName}.{method.Name}) has no trigger this app supports (HTTP, timer, storage queue).");
    }
}
