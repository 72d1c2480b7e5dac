using System.Globalization;

namespace Governance.Bench.Harness;

/// <summary>The command line's options: <c>--name value</c> pairs and the <c>--quick</c> flag.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BenchArgs()
    {
    }

    public bool Quick { get; private init; }

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                parsed._values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options are --name value pairs and --quick.");
            }
        }

        return new BenchArgs { Quick = quick }.With(parsed._values);
    }

    public int Int(string name, int full, int quick)
        => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : Quick ? quick : full;

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> full, IReadOnlyList<int> quick)
        => _values.TryGetValue(name, out var value) ? [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : Quick ? quick : full;

    public string? String(string name) => _values.GetValueOrDefault(name);

    /// <summary>Rounds of a benchmark: <c>--rounds</c>, else its default; never fewer than 5, the medians' minimum.</summary>
    public int Rounds(int full, int quick = 5)
    {
        var rounds = Int("--rounds", full, quick);
        return rounds >= 5 ? rounds : throw new ArgumentException("--rounds must be at least 5 (medians of five or more rounds).");
    }

    private BenchArgs With(Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }

        return this;
    }
}
