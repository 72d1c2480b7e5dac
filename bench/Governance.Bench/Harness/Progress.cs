namespace Governance.Bench.Harness;

/// <summary>
/// One progress line on stderr: rewritten in place with a carriage return when stderr is a terminal, one plain
/// line per update otherwise (so a log file shows every step). Stdout stays for the results.
/// </summary>
public sealed class Progress(TextWriter writer, bool interactive)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _width;

    public static Progress ForConsole() => new(Console.Error, interactive: !Console.IsErrorRedirected);

    public void Report(string benchmark, string step)
    {
        var line = $"[{_clock.Elapsed:mm\\:ss}] {benchmark}: {step}";
        lock (_gate)
        {
            if (interactive)
            {
                writer.Write('\r' + line.PadRight(_width));
                _width = line.Length;
            }
            else
            {
                writer.WriteLine(line);
            }

            writer.Flush();
        }
    }

    /// <summary>Ends the in-place line, so what follows starts on a line of its own.</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (interactive && _width > 0)
            {
                writer.WriteLine();
                _width = 0;
            }
        }
    }
}
