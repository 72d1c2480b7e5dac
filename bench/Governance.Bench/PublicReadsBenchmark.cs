using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Bench.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Bench;

/// <summary>
/// Anonymous disclosure reads through the local host: the HTML page of a ~1 MB version in force, the diff between
/// two consecutive ~1 MB versions, and <c>GET /api/public/disclosures/{kind}</c> (the same version as JSON: one
/// table query and one blob read), each against <c>GET /api/health</c> on the same host and Azurite (the cost of
/// the host itself), at the same concurrency, in rounds whose order rotates. The page and the diff are served
/// from their stored renderings, so they should also cost about as much as the JSON read (target ≥ 0.5 of it)
/// rather than a Markdown render or a diff per request.
/// </summary>
public sealed class PublicReadsBenchmark : IBenchmark
{
    public const double MinimumRatioToJson = 0.5;
    public const string Kind = "platform-rules";
    public const int TextBytes = 1_000_000;

    public string Name => "public-reads";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var requests = context.Args.Int("--requests", full: 200, quick: 100);
        var concurrency = context.Args.Int("--concurrency", full: 8, quick: 8);
        var rounds = context.Args.Rounds(full: 7);
        await using var azurite = await BenchHosts.StartAzuriteAsync();
        await using var host = await BenchHosts.StartAsync(azurite, []);
        using var http = BenchHosts.Client(host, concurrency);

        context.Report("publishing two versions");
        var token = host.Services.GetRequiredService<DevTokenIssuer>().Issue([StaffRoles.Operator], "bench-operator");
        var first = Text(revised: false);
        var second = Text(revised: true);
        await PublishAsync(http, token, first, DateTimeOffset.UtcNow);
        await PublishAsync(http, token, second, DateTimeOffset.UtcNow.AddDays(8));

        var reads = new (string Name, string Path)[]
        {
            ("GET /api/health", "api/health"),
            ("version JSON", $"api/public/disclosures/{Kind}"),
            ("page", $"api/public/disclosures/{Kind}/page"),
            ("diff 1→2", $"api/public/disclosures/{Kind}/diff?from=1&to=2"),
        };
        var sizes = new long[reads.Length];
        var p99 = reads.Select(_ => new List<double>()).ToArray();
        var readCosts = reads.Select(_ => new List<OperationCost>()).ToArray();
        using var costs = new OperationCosts(azurite);
        async Task<double> Read(int index, int count)
        {
            var result = await costs.MeasureAsync(count, readCosts[index], () => Load.RunAsync(count, concurrency, async _ =>
            {
                using var response = await http.GetAsync(reads[index].Path);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{reads[index].Path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
                }

                sizes[index] = body.Length;
            }));
            p99[index].Add(result.P99Ms);
            return result.PerSecond;
        }

        // Warm every path (JIT, connections, the renderings' in-process cache) before measuring.
        context.Report("warm-up");
        for (var i = 0; i < reads.Length; i++)
        {
            await Read(i, 20);
            p99[i].Clear();
            readCosts[i].Clear();
        }

        var rates = await context.AlternateAsync("reads", rounds, [.. reads.Select((read, i) => new Side(read.Name, _ => Read(i, requests)))]);
        Comparison Compare(int project, int baseline, Target? target) => new(
            $"{reads[project].Name} vs {(baseline == 0 ? "health" : reads[baseline].Name)}", "requests/s", reads[project].Name, rates[project], reads[baseline].Name, rates[baseline], Target: target,
            Detail: string.Create(CultureInfo.InvariantCulture, $"p99 {Stats.Median(p99[project]):F1} ms ({sizes[project]:N0} bytes, {OperationCost.Describe(readCosts[project])} a read) vs {Stats.Median(p99[baseline]):F1} ms ({sizes[baseline]:N0} bytes, {OperationCost.Describe(readCosts[baseline])}), medians of the rounds"));
        return new BenchmarkReport(
            "Public disclosure reads: page, diff and JSON vs GET /api/health",
            $"{requests} requests a round per path, concurrency {concurrency}, versions of {Encoding.UTF8.GetByteCount(first):N0} and {Encoding.UTF8.GetByteCount(second):N0} bytes, one local host on one in-memory Azurite.",
            [Compare(2, 0, null), Compare(3, 0, null), Compare(1, 0, null), Compare(2, 1, Target.RatioAtLeast(MinimumRatioToJson)), Compare(3, 1, Target.RatioAtLeast(MinimumRatioToJson))],
            ["Against health the ratio is the share of the host's bare request rate a 1 MB read keeps; against the JSON read it shows that page and diff are served from stored renderings."]);
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
