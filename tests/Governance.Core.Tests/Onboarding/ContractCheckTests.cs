using System.Diagnostics;
using System.Text;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Extraction;
using Xunit.Abstractions;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class ContractCheckTests(ITestOutputHelper output)
{
    private static ContractCheckResult Run(byte[] contract, string name, Governance.Core.Onboarding.Declarations.OnboardingManifest? manifest = null)
        => ContractCheck.Run(contract, name, manifest ?? Manifest(), Draft, ContractExtractionLimits.Default);

    [Fact]
    public void A_complete_contract_with_a_clean_manifest_is_approved()
    {
        var result = Run(Encoding.UTF8.GetBytes(CompleteEnglish), "contract.txt");

        Assert.Equal(OnboardingOutcome.Approved, result.Decision.Outcome);
        Assert.Equal(10, result.Decision.Findings.Count);
        Assert.Equal("cn-2021-draft", result.ProfileId);
        Assert.Equal(Draft.Onboarding.ClauseLibrary.Version, result.ClauseLibraryVersion);
    }

    [Fact]
    public void Core_data_is_rejected_even_with_a_complete_contract()
        => Assert.Equal(OnboardingOutcome.Rejected, Run(Encoding.UTF8.GetBytes(CompleteEnglish), "c.txt", Manifest(classification: "core")).Decision.Outcome);

    [Fact]
    public void Important_data_makes_the_missing_extra_clauses_count()
    {
        var result = Run(Encoding.UTF8.GetBytes(CompleteEnglish), "c.txt", Manifest(classification: "important"));

        Assert.Equal(OnboardingOutcome.ChangesRequested, result.Decision.Outcome);
        Assert.Contains(result.Decision.Findings, f => f.RuleId == "data_security_officer" && f.Status == FindingStatus.Missing);
        Assert.Contains(result.Decision.Findings, f => f.RuleId == "risk_assessment" && f.Status == FindingStatus.Missing);
    }

    [Theory]
    [InlineData("encrypted.pdf")]
    [InlineData("image-only.pdf")]
    [InlineData("corrupt.pdf")]
    [InlineData("zip-bomb.docx")]
    [InlineData("disguised-png.pdf")]
    [InlineData("garbled-cjk.pdf")]
    public void An_unreadable_contract_is_never_approved_and_says_why(string file)
    {
        var result = Run(File.ReadAllBytes(Path.Combine(CorpusFiles.OutputDirectory, "bad", file)), file);

        Assert.Equal(OnboardingOutcome.ChangesRequested, result.Decision.Outcome);
        var finding = Assert.Single(result.Decision.Findings);
        Assert.Equal((FindingStatus.Unreadable, "contract_readable"), (finding.Status, finding.RuleId));
        Assert.StartsWith("Contract text could not be read", finding.Message.En, StringComparison.Ordinal);
        Assert.NotNull(result.ExtractionFailure);
    }

    [Fact]
    public void Tracked_deletions_cannot_satisfy_a_clause()
    {
        var result = Run(File.ReadAllBytes(Path.Combine(CorpusFiles.OutputDirectory, "bad", "tracked-changes.docx")), "c.docx");

        var findings = result.Decision.Findings.ToDictionary(f => f.RuleId);
        Assert.Equal(FindingStatus.Insufficient, findings["incident_notification"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["audit"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["record_keeping"].Status);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("docx")]
    public void A_fifty_page_contract_is_checked_correctly(string format)
    {
        var bytes = format == "pdf" ? LargeContracts.Pdf(50) : LargeContracts.Docx(50);
        if (Environment.GetEnvironmentVariable("ONBOARDING_DUMP_LARGE") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "fifty." + format), bytes);
        }

        Run(bytes, "warm-up." + format);

        var clock = Stopwatch.StartNew();
        var result = Run(bytes, "contract." + format);
        output.WriteLine($"{format}: {bytes.Length} bytes, {result.PageCount} pages, extract+check {clock.ElapsedMilliseconds} ms");

        if (format == "pdf")
        {
            Assert.InRange(result.PageCount, 45, 60);
        }

        Assert.Equal(OnboardingOutcome.Approved, result.Decision.Outcome);
        Assert.All(result.Decision.Findings, f => Assert.Equal(FindingStatus.Satisfied, f.Status));
    }
}
