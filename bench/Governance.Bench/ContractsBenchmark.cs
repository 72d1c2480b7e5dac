using System.Diagnostics;
using System.Globalization;
using System.Text;
using Governance.Bench.Pricing;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;
using Governance.Core.Tests.Onboarding;

namespace Governance.Bench;

/// <summary>
/// <c>contracts [--rounds 7] [--pages 50]</c>: the whole contract check (<see cref="ContractCheck.Run"/>: extraction
/// under the default limits, clause analysis, declaration policies, decision) of long contracts built by the engine's
/// generator (<c>LargeContracts</c>): PDF and DOCX, English and Chinese. One warm-up, then the median of the rounds
/// (at least 5), CPU time and the peak managed heap per check, and the process's peak working set after each
/// document. Target: every median under 2 s. A Chinese PDF needs a TrueType CJK font: <c>ONBOARDING_CJK_FONT</c>, else
/// the first font of Debian's fonts-wqy-microhei collection; without one that document is skipped and said so.
/// </summary>
internal static class ContractsBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);
    /// <summary>Debian's fonts-wqy-microhei (a collection; its first font is used), the font the corpus's Chinese PDFs were made with.</summary>
    private const string DefaultCjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    public static async Task<string> RunAsync(IReadOnlyList<string> args)
    {
        int rounds = 7, pages = 50;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--rounds":
                    rounds = Math.Max(5, int.Parse(args[i + 1], CultureInfo.InvariantCulture));
                    break;
                case "--pages":
                    pages = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use --rounds N (at least 5) --pages N.");
            }
        }

        var profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
        var limits = ContractExtractionLimits.Default;
        var fontPath = Environment.GetEnvironmentVariable("ONBOARDING_CJK_FONT") is { Length: > 0 } configured ? configured : DefaultCjkFont;
        var font = File.Exists(fontPath) ? Contracts.TrueTypeCollection.FirstFont(File.ReadAllBytes(fontPath)) : null;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Contract check, {pages}-page contracts, {rounds} rounds after a warm-up, profile {profile.Id} (clause library {profile.Onboarding.ClauseLibrary.Version}), {Environment.ProcessorCount} logical cores, load average {CpuMeter.LoadAverage()}");
        var documents = new List<(string Name, Func<byte[]?> Build, OnboardingManifest Manifest)>
        {
            ("English PDF", () => LargeContracts.Pdf(pages, "en"), Manifest("order delivery", "contact details")),
            ("English DOCX", () => LargeContracts.Docx(pages, "en"), Manifest("order delivery", "contact details")),
            ("Chinese PDF", () => font is null ? null : LargeContracts.Pdf(pages, "zh", font), Manifest("订单配送", "联系方式")),
            ("Chinese DOCX", () => LargeContracts.Docx(pages, "zh"), Manifest("订单配送", "联系方式")),
        };

        var failures = 0;
        foreach (var (name, build, manifest) in documents)
        {
            var bytes = build();
            if (bytes is null)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {name,-13} skipped: no TrueType CJK font (set ONBOARDING_CJK_FONT).");
                continue;
            }

            var fileName = name.EndsWith("PDF", StringComparison.Ordinal) ? "contract.pdf" : "contract.docx";
            var warm = ContractCheck.Run(bytes, fileName, manifest, profile, limits);
            var samples = new List<Measurement>();
            ContractCheckResult last = warm;
            for (var round = 0; round < rounds; round++)
            {
                var (result, measurement) = await Measurement.RunAsync(() => Task.FromResult(ContractCheck.Run(bytes, fileName, manifest, profile, limits)));
                samples.Add(measurement);
                last = result;
            }

            using var process = Process.GetCurrentProcess();
            var median = TimeSpan.FromMilliseconds(Load.Median(samples.Select(s => s.Wall.TotalMilliseconds).ToList()));
            var ok = median < Target && last.Decision.Outcome == OnboardingOutcome.Approved;
            failures += ok ? 0 : 1;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  {name,-13} {bytes.Length / 1024.0,8:F0} KiB, {(last.PageCount > 0 ? last.PageCount.ToString(CultureInfo.InvariantCulture) : "-"),3} pages: median {median.TotalMilliseconds,6:F0} ms "
                + $"(rounds {string.Join(", ", samples.Select(s => s.Wall.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} ms), "
                + $"CPU median {Load.Median(samples.Select(s => s.Cpu.TotalMilliseconds).ToList()):F0} ms, peak heap {samples.Max(s => s.PeakHeapBytes) / 1048576.0:F0} MiB, "
                + $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB; {last.Decision.Outcome}, {last.Decision.Findings.Count} findings "
                + $"{(ok ? "PASS" : "FAIL")} (target < {Target.TotalSeconds:0} s, approved)");
        }

        report.AppendLine(failures == 0 ? "All documents within target." : $"{failures} document(s) missed the target.")
            .Append(CultureInfo.InvariantCulture, $"Machine load average (1 min) at the end: {CpuMeter.LoadAverage()}");
        return report.ToString();
    }

    private static OnboardingManifest Manifest(string purpose, string category)
        => new(
            new ManifestApp("Acme Delivery", "Food delivery app", "delivery", "https://acme.example"),
            new ManifestData([new ManifestDataCategory(category, "general", true, false)], [purpose], 365, 1000, new ManifestCrossBorder(false, [], null)),
            new ManifestAuthentication(["password", "sms_otp"]),
            [new ManifestSdk("maps-sdk", "MapCo", "delivery routing")]);
}
