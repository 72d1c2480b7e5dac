using Governance.Core.Onboarding;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class ClauseAnalyzerTests
{
    [Fact]
    public void A_complete_contract_satisfies_every_clause_with_quote_and_location()
    {
        var findings = Analyze(CompleteEnglish);

        foreach (var id in Governance.Core.Onboarding.OnboardingPolicyValidator.RequiredClauseIds)
        {
            var f = findings[id];
            Assert.Equal(FindingStatus.Satisfied, f.Status);
            Assert.NotNull(f.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(f.LegalBasis));
            Assert.NotNull(f.Clause);
        }

        var document = Document(CompleteEnglish);
        var incident = findings["incident_notification"].Evidence!;
        Assert.Equal("The Developer shall notify the Platform of any data breach within 24 hours.", incident.Quote);
        Assert.Equal(incident.Quote, document.Text.Substring(incident.Location.Offset, incident.Quote.Length));
        Assert.Equal("4.", findings["incident_notification"].Clause);
    }

    [Theory]
    [InlineData("The Developer shall not be required to notify the Platform of any data breach.")]
    [InlineData("Except as otherwise agreed, the Developer shall not be obliged to report security incidents to the Platform.")]
    [InlineData("Nothing in this Agreement obliges the Developer to notify the Platform of a breach.")]
    [InlineData("发生安全事件的，乙方无需通知甲方。")]
    [InlineData("除双方另有约定外，乙方不负有向甲方报告数据泄露事件的义务。")]
    public void A_clause_that_excludes_incident_notice_is_negated(string clause)
        => Assert.Equal(FindingStatus.Negated, StatusOf("incident_notification", clause));

    [Theory]
    [InlineData("The Developer is not liable for any loss arising from its breach of this Agreement.")]
    [InlineData("乙方对因其违反本协议造成的任何损失不承担任何责任。")]
    [InlineData("除本协议另有约定外，乙方对用户索赔不承担赔偿责任。")]
    public void A_liability_exclusion_of_the_third_party_is_negated(string clause)
        => Assert.Equal(FindingStatus.Negated, StatusOf("liability_recourse", clause));

    [Theory]
    [InlineData("The Developer shall indemnify the Platform for any compensation the Platform pays to users in advance for the Developer's breach; the Platform shall not be liable for the Developer's acts.")]
    [InlineData("乙方违约造成用户损失的，甲方先行赔付后有权向乙方追偿；甲方不承担任何责任。")]
    [InlineData("Except where required by law, the Developer shall indemnify the Platform against losses from its breach, including compensation the Platform paid users in advance.")]
    public void Excluding_the_platforms_own_liability_or_an_exception_for_the_law_does_not_negate(string clause)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("liability_recourse", clause));

    [Theory]
    [InlineData("Except where required by law, the Developer shall not disclose personal data to any third party without the Platform's consent.")]
    [InlineData("除法律另有规定外，未经甲方同意，乙方不得向第三方提供个人信息。")]
    public void A_prohibition_is_how_a_duty_is_written_not_a_negation(string clause)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("onward_transfer", clause));

    [Theory]
    [InlineData("The Developer shall notify the Platform of any data breach promptly.")]
    [InlineData("The Developer shall notify the Platform of any data breach as soon as possible.")]
    [InlineData("发生数据泄露的，乙方应当及时通知甲方。")]
    [InlineData("发生数据泄露的，乙方应当尽快通知甲方。")]
    [InlineData("The Developer shall notify the Platform of any data breach within seven (7) days.")]
    [InlineData("发生数据泄露的，乙方应当在十日内通知甲方。")]
    [InlineData("The Developer shall notify affected users of any data breach within 24 hours.")]
    [InlineData("The Platform shall notify users of any data breach within 24 hours.")]
    public void Hollow_incident_notice_is_insufficient(string clause)
        => Assert.Equal(FindingStatus.Insufficient, StatusOf("incident_notification", clause));

    [Theory]
    [InlineData("The Developer shall notify the Platform of any data breach within seventy-two hours.")]
    [InlineData("发生数据泄露的，乙方应当在二十四小时内通知甲方。")]
    [InlineData("发生数据泄露的，乙方应当在七十二小时内通知甲方。")]
    [InlineData("You must tell us about any security incident no later than 48 hours after you discover it.")]
    public void An_explicit_time_limit_within_the_maximum_satisfies(string clause)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", clause));

    [Theory]
    [InlineData("The Developer shall keep processing records for two (2) years.", FindingStatus.Insufficient)]
    [InlineData("The Developer shall keep processing records.", FindingStatus.Insufficient)]
    [InlineData("乙方应当保存处理记录两年。", FindingStatus.Insufficient)]
    [InlineData("乙方应当保存处理记录，保存期限不少于三年。", FindingStatus.Satisfied)]
    [InlineData("Processing logs shall be retained for thirty-six months.", FindingStatus.Satisfied)]
    public void Record_keeping_needs_at_least_the_minimum_period(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("record_keeping", clause));

    [Theory]
    [InlineData("The Developer may use the personal data for any purpose.", FindingStatus.Insufficient)]
    [InlineData("乙方可以将个人信息用于任何目的。", FindingStatus.Insufficient)]
    [InlineData("The Developer shall use the personal data only for delivering orders and not for any other purpose.", FindingStatus.Satisfied)]
    public void Scope_for_any_purpose_is_no_scope(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("scope", clause));

    [Fact]
    public void A_decoy_heading_does_not_make_a_clause_count_and_a_clause_without_heading_does()
    {
        var decoy = Analyze("4. Incident Notification\nThe parties will meet each quarter to review the product roadmap.");
        var bare = Analyze("Should a breach of user data occur, the Developer must inform the Platform in writing within 72 hours.");

        Assert.Equal(FindingStatus.Missing, decoy["incident_notification"].Status);
        Assert.Equal(FindingStatus.Satisfied, bare["incident_notification"].Status);
    }

    [Fact]
    public void A_heading_completes_a_clause_that_carries_the_main_cue()
    {
        var findings = Analyze("4. Security Incidents\nThe Developer shall notify the Platform within 24 hours after becoming aware of one.");

        Assert.Equal(FindingStatus.Satisfied, findings["incident_notification"].Status);
    }

    [Fact]
    public void Placeholders_take_the_role_the_contract_defines()
    {
        // Here 甲方 is the developer and 乙方 the platform, the reverse of the default.
        const string text = "甲方（开发者）：某软件公司\n乙方（平台运营者）：某网络公司\n\n发生数据泄露的，甲方应当在二十四小时内通知乙方。\n\n发生数据泄露的，乙方应当在二十四小时内通知用户。";

        Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", text));
    }

    [Fact]
    public void The_audit_right_must_belong_to_the_platform()
    {
        Assert.Equal(FindingStatus.Insufficient, StatusOf("audit", "The Developer shall audit its own processing activities once a year."));
        Assert.Equal(FindingStatus.Negated, StatusOf("audit", "The Platform shall have no right to audit the Developer's processing activities."));
        Assert.Equal(FindingStatus.Satisfied, StatusOf("audit", "乙方应当配合甲方对其数据处理活动进行的现场检查。"));
    }

    [Fact]
    public void Both_profiles_analyse_contracts()
    {
        Assert.All(Analyze(CompleteEnglish, Final).Values.Where(f => f.RuleId is not ("data_security_officer" or "risk_assessment")), f => Assert.Equal(FindingStatus.Satisfied, f.Status));
        Assert.Contains("Art. 12", Analyze(CompleteEnglish, Final)["record_keeping"].LegalBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_the_contract_defines_for_the_other_party_is_the_third_party()
    {
        const string text = "This agreement is made between Example Platform Co., Ltd. (the \"Platform\") and Acme Pay Ltd. (the \"Integrator\").\n\n"
            + "Where the Platform compensates an end user in advance for a loss caused by the Integrator's violation, the Integrator shall reimburse the Platform in full.";

        Assert.Equal(FindingStatus.Satisfied, StatusOf("liability_recourse", text));
        Assert.Equal(["Integrator"], Governance.Core.Onboarding.Clauses.PartyResolver.DefinedNames(Draft.Onboarding.ClauseLibrary.Parties, text));
    }

    [Fact]
    public void A_chinese_short_name_is_a_party_name()
        => Assert.Equal(["接入商"], Governance.Core.Onboarding.Clauses.PartyResolver.DefinedNames(Draft.Onboarding.ClauseLibrary.Parties, "某某科技有限公司（以下简称“接入商”）与平台签订本协议。"));
}
