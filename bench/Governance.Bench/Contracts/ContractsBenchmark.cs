using System.Globalization;
using Governance.Bench.Harness;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;
using Governance.Core.Tests.Onboarding;

namespace Governance.Bench.Contracts;

/// <summary>
/// The whole contract check (<see cref="ContractCheck.Run"/>: extraction under the default limits, clause analysis,
/// declaration policies, decision) of long contracts built by the engine's generator (<c>LargeContracts</c>): PDF and
/// DOCX, English and Chinese, against extracting the same document's text alone (the parsers' share). One warm-up,
/// then alternating rounds; per document the median seconds, CPU time and the peak managed heap of a check. Target:
/// every check's median under 2 s, and approved. A Chinese PDF needs a TrueType CJK font: <c>ONBOARDING_CJK_FONT</c>,
/// else the first font of Debian's fonts-wqy-microhei collection; without one that document is skipped and said so.
/// </summary>
internal sealed class ContractsBenchmark : IBenchmark
{
    private const double TargetSeconds = 2;
    /// <summary>Debian's fonts-wqy-microhei (a collection; its first font is used), the font the corpus's Chinese PDFs were made with.</summary>
    private const string DefaultCjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    public string Name => "contracts";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var rounds = context.Args.Rounds(full: 7);
        var pages = context.Args.Int("--pages", full: 50, quick: 50);
        var profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
        var limits = ContractExtractionLimits.Default;
        var fontPath = Environment.GetEnvironmentVariable("ONBOARDING_CJK_FONT") is { Length: > 0 } configured ? configured : DefaultCjkFont;
        var font = File.Exists(fontPath) ? TrueTypeCollection.FirstFont(File.ReadAllBytes(fontPath)) : null;
        var documents = new List<(string Name, Func<byte[]?> Build, OnboardingManifest Manifest)>
        {
            ("English PDF", () => LargeContracts.Pdf(pages, "en"), Manifest("order delivery", "contact details")),
            ("English DOCX", () => LargeContracts.Docx(pages, "en"), Manifest("order delivery", "contact details")),
            ("Chinese PDF", () => font is null ? null : LargeContracts.Pdf(pages, "zh", font), Manifest("订单配送", "联系方式")),
            ("Chinese DOCX", () => LargeContracts.Docx(pages, "zh"), Manifest("订单配送", "联系方式")),
        };

        var comparisons = new List<Comparison>();
        var notes = new List<string>();
        foreach (var (name, build, manifest) in documents)
        {
            context.Report($"{name}: generating");
            var bytes = build();
            if (bytes is null)
            {
                notes.Add($"{name} skipped: no TrueType CJK font (set ONBOARDING_CJK_FONT).");
                continue;
            }

            var fileName = name.EndsWith("PDF", StringComparison.Ordinal) ? "contract.pdf" : "contract.docx";
            var last = ContractCheck.Run(bytes, fileName, manifest, profile, limits); // warm-up
            ContractTextExtractor.Extract(bytes, fileName, limits);
            var checks = new List<Measurement>();
            var check = new Side("whole check", async _ =>
            {
                var (result, measurement) = await Measurement.RunAsync(() => Task.FromResult(ContractCheck.Run(bytes, fileName, manifest, profile, limits)));
                (last, checks) = (result, [.. checks, measurement]);
                return measurement.Wall.TotalSeconds;
            });
            var extract = new Side("text extraction alone", async _ =>
                (await Measurement.RunAsync(() => Task.FromResult(ContractTextExtractor.Extract(bytes, fileName, limits)))).Measurement.Wall.TotalSeconds);
            var comparison = await context.CompareAsync($"{name}, {pages} pages", "s", rounds, check, extract, lowerIsBetter: true, target: Target.ProjectBelow(TargetSeconds));
            if (last.Decision.Outcome != OnboardingOutcome.Approved)
            {
                notes.Add($"{name}: **NOT approved** ({last.Decision.Outcome}); the generator's contracts should be.");
            }

            comparisons.Add(comparison with
            {
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"{bytes.Length / 1024.0:F0} KiB, {(last.PageCount > 0 ? last.PageCount.ToString(CultureInfo.InvariantCulture) + " pages" : "no page count in DOCX")}; check CPU median {Stats.Median(checks.Select(c => c.Cpu.TotalSeconds).ToList()):F2} s, peak GC heap {checks.Max(c => c.PeakHeapBytes) / 1048576.0:F0} MiB; {last.Decision.Outcome}, {last.Decision.Findings.Count} findings"),
            });
        }

        return new BenchmarkReport(
            "Onboarding contract check of 50-page PDF and DOCX contracts",
            $"Profile {profile.Id} (clause library {profile.Onboarding.ClauseLibrary.Version}), default extraction limits; baseline: extracting the text alone.",
            comparisons,
            notes);
    }

    private static OnboardingManifest Manifest(string purpose, string category)
        => new(
            new ManifestApp("Acme Delivery", "Food delivery app", "delivery", "https://acme.example"),
            new ManifestData([new ManifestDataCategory(category, "general", true, false)], [purpose], 365, 1000, new ManifestCrossBorder(false, [], null)),
            new ManifestAuthentication(["password", "sms_otp"]),
            [new ManifestSdk("maps-sdk", "MapCo", "delivery routing")]);
}
