using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Extraction;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

/// <summary>How clauses are read beyond their own sentence: definitions, cross-references, list lead-ins, tables, conditions and enumerations.</summary>
public sealed class ClauseReadingTests
{
    [Theory]
    [InlineData("forty-eight (48) hours", FindingStatus.Satisfied)]
    [InlineData("five (5) days", FindingStatus.Insufficient)]
    public void A_defined_time_limit_is_read_from_its_definition(string period, FindingStatus expected)
    {
        var text = $"1. Definitions. \"Incident\" means any unauthorised access to personal data. \"Notice Period\" means {period}.\n\n2. The Developer shall notify the Platform of each Incident within the Notice Period.";

        var finding = Analyze(text)["incident_notification"];

        Assert.Equal(expected, finding.Status);
        Assert.StartsWith("The Developer shall notify", finding.Evidence!.Quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("五年", FindingStatus.Satisfied)]
    [InlineData("一年", FindingStatus.Insufficient)]
    public void A_chinese_defined_period_is_read_from_its_definition(string period, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("record_keeping", $"第一条 本协议中，“保存期限”指自相关处理活动发生之日起{period}。\n第二条 乙方应当对用户信息处理活动进行记录，并在保存期限内妥善保存。"));

    [Theory]
    [InlineData("three years", FindingStatus.Satisfied)]
    [InlineData("two years", FindingStatus.Insufficient)]
    public void A_period_set_out_in_another_article_is_read_from_that_article(string period, FindingStatus expected)
    {
        var text = $"Article 7 Records. Party B shall record its processing activities and keep such records for the period set out in Article 11.\n\nArticle 10 Matters not covered shall be settled through consultation.\n\nArticle 11 The Developer's archive shall be kept for no less than {period} from the end of the entrustment.";

        var finding = Analyze(text)["record_keeping"];

        Assert.Equal(expected, finding.Status);
        Assert.Equal("Article 7", finding.Clause);
    }

    [Fact]
    public void A_period_written_for_another_item_of_an_enumeration_is_not_the_notice_time_limit()
    {
        var findings = Analyze("2.1 The Developer shall (a) apply encryption to every system holding personal data, (b) notify the Platform of each data breach within 24 hours, and (c) keep processing records for a minimum of three years.");

        Assert.Equal(FindingStatus.Satisfied, findings["incident_notification"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["record_keeping"].Status);
    }

    [Fact]
    public void List_items_are_read_after_the_sentence_that_introduces_them()
    {
        var findings = Analyze("双方就乙方接入甲方平台事宜达成如下协议：\n\n第一条 乙方承诺：\n\n（1）发生个人信息安全事件后二十四小时内通知甲方；\n\n（2）合作终止时删除全部用户个人信息；\n\n（3）不将用户个人信息传输至境外。");

        Assert.Equal(FindingStatus.Satisfied, findings["incident_notification"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["return_deletion"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["cross_border"].Status);
    }

    [Theory]
    [InlineData("Vendor", FindingStatus.Satisfied)]
    [InlineData("Platform", FindingStatus.Insufficient)]
    public void A_table_row_is_read_with_its_header_and_the_party_column_binds(string party, FindingStatus expected)
    {
        var docx = CorpusRenderer.Docx(
        [
            new CorpusParagraph("heading", "Vendor Data Protection Schedule"),
            new CorpusParagraph("paragraph", "This Schedule forms part of the agreement between Example Platform Co., Ltd. (the \"Platform\") and the Vendor named in the Order Form."),
            new CorpusParagraph(CorpusRenderer.Row, "Obligation | Responsible party | Timing"),
            new CorpusParagraph(CorpusRenderer.Row, $"Notification of personal data breaches to the Platform | {party} | Within 24 hours of discovery"),
            new CorpusParagraph(CorpusRenderer.Row, "Retention of processing records | Vendor | At least 3 years"),
        ]);
        var document = ContractTextExtractor.Extract(docx, "schedule.docx", ContractExtractionLimits.Default).Document!;

        var findings = ClauseAnalyzer.Analyze(document, Draft.Onboarding.ClauseLibrary).Findings.ToDictionary(f => f.RuleId);

        Assert.Equal(expected, findings["incident_notification"].Status);
        Assert.Equal(FindingStatus.Satisfied, findings["record_keeping"].Status);
        Assert.Equal(document.Text.Substring(findings["record_keeping"].Evidence!.Location.Offset, findings["record_keeping"].Evidence!.Quote.Length), findings["record_keeping"].Evidence!.Quote);
    }

    [Fact]
    public void The_subject_of_a_sentence_is_in_its_main_clause_not_its_condition()
    {
        Assert.Equal(FindingStatus.Satisfied, StatusOf("liability_recourse", "接入方违反本协议导致平台承担责任的，平台向用户赔偿后可以向接入方追偿。"));
        Assert.Equal(FindingStatus.Satisfied, StatusOf("liability_recourse", "If users sue us because of something you did, you pay us back what we paid them."));
    }

    [Fact]
    public void A_second_gapped_clause_binds_the_third_party_too()
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("responsibility", "The Platform is responsible for the security of the platform, and the Developer for the security of its own systems and of the personal data in its possession."));
}
