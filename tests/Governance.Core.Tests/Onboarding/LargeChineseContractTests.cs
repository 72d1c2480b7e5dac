using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Extraction;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class LargeChineseContractTests
{
    [Fact]
    public void A_fifty_page_chinese_docx_contract_is_checked_correctly()
    {
        var result = ContractCheck.Run(LargeContracts.Docx(50, "zh"), "contract.docx", Manifest(purposes: ["订单配送"], categoryName: "联系方式"), Draft, ContractExtractionLimits.Default);

        Assert.Null(result.ExtractionFailure);
        Assert.Equal(OnboardingOutcome.Approved, result.Decision.Outcome);
        Assert.All(result.Decision.Findings, f => Assert.Equal(FindingStatus.Satisfied, f.Status));
        Assert.Contains(result.Decision.Findings, f => f.RuleId == "incident_notification" && f.Evidence!.Quote.Contains("二十四小时", StringComparison.Ordinal));
    }
}
