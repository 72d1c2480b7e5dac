using Governance.Core.Onboarding.Clauses;

namespace Governance.Core.Tests.Onboarding;

public sealed class SegmenterTests
{
    private static IReadOnlyList<ContractClause> Segment(string text) => ClauseSegmenter.Segment(OnboardingKit.Document(text));

    [Theory]
    [InlineData("1.", "1. The Developer shall keep records of its processing for three years and more.")]
    [InlineData("1.1", "1.1 The Developer shall keep records of its processing for three years and more.")]
    [InlineData("(a)", "(a) The Developer shall keep records of its processing for three years and more.")]
    [InlineData("Article 5", "Article 5 The Developer shall keep records of its processing for three years and more.")]
    [InlineData("第五条", "第五条 乙方应当保存个人信息处理记录，保存期限不少于三年，并按甲方要求提供。")]
    [InlineData("(一)", "（一）乙方应当保存个人信息处理记录，保存期限不少于三年，并按甲方要求提供。")]
    [InlineData("一、", "一、乙方应当保存个人信息处理记录，保存期限不少于三年，并按甲方要求提供。")]
    public void Numbering_marks_start_clauses_and_are_kept_as_the_clause_number(string number, string line)
    {
        var clauses = Segment("Preamble of the agreement between the parties, stating who they are.\n" + line + "\n" + line);

        Assert.Equal(3, clauses.Count);
        Assert.Equal(number, clauses[1].Number);
        Assert.DoesNotContain(number, clauses[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_sentences_end_at_chinese_punctuation()
    {
        var clause = Segment("本协议由甲方与乙方订立，明确双方在数据处理中的义务和责任，双方应当遵守。\n第一条 乙方应当保护数据安全。乙方不得泄露数据；乙方应当配合审计！是否明确？")[1];

        Assert.Equal(["乙方应当保护数据安全。", "乙方不得泄露数据;", "乙方应当配合审计!", "是否明确?"], clause.Sentences.Select(s => s.Text));
    }

    [Fact]
    public void English_sentences_do_not_end_at_abbreviations_or_decimals()
    {
        var clause = Segment("1. The Developer shall comply with Art. 21 of the law, e.g. by encrypting data with AES 2.5 keys. It shall notify the Platform.")[0];

        Assert.Equal(2, clause.Sentences.Count);
    }

    [Fact]
    public void Headings_are_kept_apart_from_the_clause_text()
    {
        var clauses = Segment("5. Incident Notification\nThe parties will meet each quarter to review the roadmap.\n\n第四条 安全事件通知\n双方每季度召开一次会议，讨论产品规划。\n\n6.1 Audit Rights. The Platform may audit the Developer at any time.");

        Assert.Equal(["Incident Notification", "安全事件通知", "Audit Rights"], clauses.Select(c => c.Heading));
        Assert.Equal("The parties will meet each quarter to review the roadmap.", clauses[0].Text);
        Assert.Equal("The Platform may audit the Developer at any time.", clauses[2].Text);
        Assert.Equal(["5.", "第四条", "6.1"], clauses.Select(c => c.Number));
    }

    [Fact]
    public void Clause_offsets_point_into_the_document_text()
    {
        var document = OnboardingKit.Document(OnboardingKit.CompleteEnglish);

        foreach (var clause in ClauseSegmenter.Segment(document))
        {
            Assert.Equal(clause.Text, document.Text.Substring(clause.Offset, clause.Text.Length));
            Assert.All(clause.Sentences, s => Assert.Equal(s.Text, document.Text.Substring(s.Offset, s.Text.Length)));
        }
    }

    [Fact]
    public void A_run_on_text_without_punctuation_is_cut_into_bounded_sentences()
    {
        var words = string.Join(" ", Enumerable.Repeat("the developer shall notify the platform of incidents", 4000));

        var clauses = Segment(words);

        Assert.All(clauses.SelectMany(c => c.Sentences), s => Assert.True(s.Text.Length <= ClauseSegmenter.MaxSentenceLength));
        Assert.Equal(words.Length, clauses.Sum(c => c.Sentences.Sum(s => s.Text.Length + 1)) - 1);
    }

    [Fact]
    public void A_line_wrapped_before_a_bracketed_number_continues_its_clause()
    {
        var clauses = Segment("Section 4. Security Incidents. Vendor shall notify Company in writing within twenty-four\n(24) hours of discovering a Security Incident.\n(a) The first item of a list starts a clause of its own.");

        Assert.Equal(2, clauses.Count);
        Assert.EndsWith("(24) hours of discovering a Security Incident.", clauses[0].Text, StringComparison.Ordinal);
        Assert.Equal("(a)", clauses[1].Number);
    }

    [Fact]
    public void A_chinese_item_run_into_the_previous_line_starts_a_clause()
    {
        var document = OnboardingKit.Document("第三方SDK合作协议，双方就SDK处理个人信息事宜约定如下。\n一、甲方收集的个人信息仅用于消息推送功能。二、甲方应当采取加密传输措施。");

        var clauses = ClauseSegmenter.Segment(document);

        Assert.Equal(["一、", "二、"], clauses.Skip(1).Select(c => c.Number));
        Assert.All(clauses, c => Assert.Equal(c.Text, document.Text.Substring(c.Offset, c.Text.Length)));
    }

    [Fact]
    public void A_sentence_that_introduces_a_list_is_a_clause_not_a_heading()
    {
        var clauses = Segment("双方就乙方接入甲方平台事宜达成如下协议，共同遵守。\n第一条 乙方承诺：\n（1）对其运营的应用和服务器的安全负责；");

        // Extraction folds full-width punctuation to ASCII, so the colon is ASCII in the clause text.
        Assert.Equal("乙方承诺:", clauses[1].Text);
        Assert.Equal("(1)", clauses[2].Number);
    }
}
