using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Core.Security;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench;

/// <summary>
/// Anonymous disclosure reads through the local host: the HTML page of a ~1 MB version in force and the diff
/// between two consecutive ~1 MB versions, each against <c>GET /api/public/disclosures/{kind}</c> (the same
/// version as JSON: one table query and one blob read), on the same host and Azurite, at the same concurrency,
/// in rounds whose order rotates. The page and the diff are served from their stored renderings, so they should
/// cost about as much as the JSON read rather than a Markdown render or a diff per request.
/// </summary>
public static class PublicReadsBenchmark
{
    public const double Target = 0.5;
    public const string Kind = "platform-rules";
    public const int TextBytes = 1_000_000;

    public static BenchOptions Defaults { get; } = new(Requests: 300, Concurrency: 8, Rounds: 5);

    public static async Task<string> RunAsync(BenchOptions options)
    {
        if (options.Rounds < 5)
        {
            throw new ArgumentException("The public-reads benchmark takes medians of at least 5 rounds (--rounds 5 or more).");
        }

        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        await using var azurite = await AzuriteProcess.StartAsync(root, (0, 0, 0), inMemory: true);
        var hostOptions = new LocalHostOptions { Port = 0, RepositoryRoot = root, MinimumLogLevel = LogLevel.Error };
        hostOptions.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        await using var host = await LocalFunctionsHost.StartAsync(hostOptions);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

        var token = host.Services.GetRequiredService<DevTokenIssuer>().Issue([StaffRoles.Operator], "bench-operator");
        var first = Text(revised: false);
        var second = Text(revised: true);
        await PublishAsync(http, token, first, DateTimeOffset.UtcNow);
        await PublishAsync(http, token, second, DateTimeOffset.UtcNow.AddDays(8));

        var reads = new (string Name, string Path)[]
        {
            ("version JSON", $"api/public/disclosures/{Kind}"),
            ("page", $"api/public/disclosures/{Kind}/page"),
            ("diff 1→2", $"api/public/disclosures/{Kind}/diff?from=1&to=2"),
        };
        long[] sizes = [0, 0, 0];
        Task<double> Read(int index, int count) => Load.RunAsync(count, options.Concurrency, async _ =>
        {
            using var response = await http.GetAsync(reads[index].Path);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{reads[index].Path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            }

            sizes[index] = body.Length;
        });

        // Warm every path (JIT, connections, the renderings' in-process cache) before measuring.
        for (var i = 0; i < reads.Length; i++)
        {
            await Read(i, 20);
        }

        // Azurite and the machine drift during a run: each round measures all three back to back, in an order
        // that rotates, and each round's ratios compare measurements taken next to each other.
        var rates = reads.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var step = 0; step < reads.Length; step++)
            {
                var index = (round + step) % reads.Length;
                rates[index].Add(await Read(index, options.Requests));
            }
        }

        var pageRatios = rates[1].Zip(rates[0], (p, b) => p / b).ToList();
        var diffRatios = rates[2].Zip(rates[0], (d, b) => d / b).ToList();
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"Public disclosure reads ({options.Requests} requests x {options.Rounds} rounds, concurrency {options.Concurrency}, texts of {Encoding.UTF8.GetByteCount(first)} and {Encoding.UTF8.GetByteCount(second)} bytes, Azurite in memory, {Environment.ProcessorCount} cores)");
        for (var i = 0; i < reads.Length; i++)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"  {reads[i].Name,-13}: {string.Join(", ", rates[i].Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))} requests/s (median {Load.Median(rates[i]):0.0}; {sizes[i]} bytes)");
        }

        lines.Append(Ratio("page/JSON", pageRatios)).Append('\n').Append(Ratio("diff/JSON", diffRatios));
        return lines.ToString();
    }

    private static string Ratio(string name, List<double> ratios)
    {
        var median = Load.Median(ratios);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  ratio {name,-9}: {median:0.00} (median of {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; target >= {Target:0.0}: {(median >= Target ? "met" : "NOT met")})");
    }

    private static async Task PublishAsync(HttpClient http, string token, string content, DateTimeOffset effectiveFrom)
    {
        var draft = new Dictionary<string, object>
        {
            ["title"] = "Platform rules " + effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["content"] = content,
            ["formulationProcedure"] = "Drafted by the policy team after a 30-day public consultation; approved by the governance board.",
            ["adjudicationProcedure"] = "Disputes go to the dispute panel within 15 days; appeals go to an independent reviewer.",
            ["changeSummary"] = "Benchmark version.",
            ["effectiveFrom"] = effectiveFrom.ToString("O", CultureInfo.InvariantCulture),
            ["significantImpact"] = false,
        };
        var json = JsonSerializer.Serialize(draft, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var created = await SendAsync(http, token, "api/disclosures/" + Kind + "/drafts", json);
        var draftId = JsonDocument.Parse(created).RootElement.GetProperty("draftId").GetString();
        await SendAsync(http, token, $"api/disclosures/{Kind}/drafts/{draftId}/publish", null);
    }

    private static async Task<string> SendAsync(HttpClient http, string token, string path, string? json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Created
            ? body
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>
    /// About <see cref="TextBytes"/> of Markdown: sections of numbered clauses in Chinese and English. The
    /// revision rewords one clause in fifty and adds a clause to every fifth section, as a consecutive version
    /// of a long policy would.
    /// </summary>
    private static string Text(bool revised)
    {
        var sections = TextBytes / Encoding.UTF8.GetByteCount(Section(1, revised: false));
        var text = new StringBuilder(TextBytes + 65_536);
        for (var section = 1; section <= sections; section++)
        {
            text.Append(Section(section, revised));
        }

        return text.ToString();
    }

    private static string Section(int section, bool revised)
    {
        var random = new Random(section);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"## 第 {section} 章 Section {section}\n\n");
        for (var i = 0; i < 40; i++)
        {
            var clause = ((section - 1) * 40) + i + 1;
            var words = random.Next(1_000_000).ToString("x6", CultureInfo.InvariantCulture);
            var reworded = revised && clause % 50 == 7 ? " (revised: the notice period is now fifteen days)" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"{clause}. 平台依法处理用户的个人信息 ({words}): the platform processes personal information only for the purposes stated in this clause, keeps it no longer than needed, and tells users how to exercise their rights{reworded}.\n\n");
        }

        if (revised && section % 5 == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"新增条款 (added in the revision): section {section} now also covers automated decisions.\n\n");
        }

        return text.ToString();
    }
}
