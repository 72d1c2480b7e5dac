using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Governance.Core.Storage;

/// <summary>
/// The queue names in force, by the setting that names each (<see cref="StorageCatalog.Queues"/>, <c>%Setting%</c> in
/// the triggers): the setting's value, else the catalog's default. Validated at start-up, so a name the queue service
/// would refuse stops the host naming its setting instead of failing the first send.
/// </summary>
public sealed class QueueNameOptions
{
    public Dictionary<string, string> Names { get; } = StorageCatalog.Queues.ToDictionary(q => q.Setting, q => q.DefaultName, StringComparer.Ordinal);

    /// <summary>Every queue of the catalog, in catalog order.</summary>
    public IEnumerable<string> All => StorageCatalog.Queues.Select(q => NameOf(q.Setting));

    public string NameOf(string queueSetting)
        => Names.TryGetValue(queueSetting, out var name)
            ? name
            : throw new ArgumentException($"'{queueSetting}' is not a queue setting of this app.", nameof(queueSetting));

    /// <summary>The names the settings give (what the registration binds).</summary>
    public static QueueNameOptions From(IConfiguration configuration)
    {
        var options = new QueueNameOptions();
        options.Bind(configuration);
        return options;
    }

    public void Bind(IConfiguration configuration)
    {
        foreach (var queue in StorageCatalog.Queues)
        {
            Names[queue.Setting] = StorageCatalog.QueueName(configuration, queue.Setting);
        }
    }
}

/// <summary>
/// Queue names as the service accepts them (3-63 lowercase letters, digits and single hyphens, starting and ending
/// with a letter or digit), short enough for their <c>-poison</c> queue, and no two settings naming the same queue.
/// </summary>
public sealed partial class QueueNameOptionsValidator : IValidateOptions<QueueNameOptions>
{
    public const int MaxLength = 63;

    public ValidateOptionsResult Validate(string? name, QueueNameOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, queue) in options.Names)
        {
            var poison = StorageCatalog.PoisonQueueName(queue);
            if (!ValidName().IsMatch(queue) || queue.Contains("--", StringComparison.Ordinal) || poison.Length > MaxLength)
            {
                failures.Add($"{setting} must be a queue name of lowercase letters, digits and single hyphens, starting and ending with a letter or digit, "
                    + $"3 to {MaxLength - (poison.Length - queue.Length)} characters (its poison queue adds '-poison'); '{queue}' is not.");
            }
        }

        foreach (var shared in options.Names.GroupBy(n => n.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", shared.Select(s => s.Key))} name the same queue '{shared.Key}'; each needs its own.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
