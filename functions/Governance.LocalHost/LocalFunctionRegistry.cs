namespace Governance.LocalHost;

/// <summary>Every function the local host serves, as it serves it (the parity test compares this with functions.metadata).</summary>
public sealed class LocalFunctionRegistry
{
    private readonly List<ServedFunction> _functions = [];
    private readonly Dictionary<string, Func<string?, CancellationToken, Task>> _manualTriggers = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ServedFunction> Functions => _functions;

    internal void Add(ServedFunction function, Func<string?, CancellationToken, Task>? manualTrigger = null)
    {
        _functions.Add(function);
        if (manualTrigger is not null)
        {
            _manualTriggers[function.Name] = manualTrigger;
        }
    }

    /// <summary>Runs a timer or queue function now, as Core Tools' <c>POST /admin/functions/{name}</c> does.</summary>
    public bool TryGetManualTrigger(string name, out Func<string?, CancellationToken, Task> trigger)
        => _manualTriggers.TryGetValue(name, out trigger!);
}
