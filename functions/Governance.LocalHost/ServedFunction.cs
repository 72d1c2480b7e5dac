using Governance.Functions.Hosting;

namespace Governance.LocalHost;

/// <summary>What the local host actually serves for one function, with settings resolved.</summary>
public sealed record ServedFunction(
    string Name,
    TriggerKind Trigger,
    string? Route = null,
    IReadOnlyList<string>? Methods = null,
    string? QueueName = null,
    string? Schedule = null,
    bool RunOnStartup = false)
{
    public static ServedFunction Http(FunctionDescriptor function, string pattern)
        => new(function.Name, TriggerKind.Http, Route: pattern, Methods: function.HttpMethods);
}
