using Governance.Core.Onboarding;
using Governance.Core.Policies;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

/// <summary>
/// The rules' concepts (actions × objects × qualifiers, profile data): paraphrases they cover, decoys they do not,
/// and the hollow variants they type as insufficient.
/// </summary>
public sealed class ConceptCueTests
{
    [Theory]
    [InlineData("Customer Data is hosted in Acme's data centres in Singapore and Frankfurt.", FindingStatus.Insufficient)]
    [InlineData("甲方可以将通过SDK收集的个人信息存储于其位于新加坡的服务器。", FindingStatus.Insufficient)]
    [InlineData("乙方应当将数据存储在中国境内。", FindingStatus.Satisfied)]
    [InlineData("乙方向境外提供数据的，应当依法通过安全评估，但乙方集团内部传输除外。", FindingStatus.Insufficient)]
    [InlineData("These Terms are governed by the laws of the Hong Kong Special Administrative Region.", FindingStatus.Missing)]
    public void Transfers_abroad_are_recognised_by_place_and_localisation_counts(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("cross_border", clause));

    [Theory]
    [InlineData("The Platform Operator may audit the Service Provider's books once a year to verify the fees payable.", FindingStatus.Missing)]
    [InlineData("平台有权审计商家的结算账目。", FindingStatus.Missing)]
    [InlineData("The App Provider shall cooperate with audits carried out by the Platform or its designated auditors.", FindingStatus.Satisfied)]
    [InlineData("平台有权不定期抽查接入方的用户数据使用情况，接入方应当如实提供相关材料。", FindingStatus.Satisfied)]
    public void An_audit_of_the_processing_counts_and_an_audit_of_fees_does_not(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("audit", clause));

    [Theory]
    [InlineData("Invoices and payment records shall be retained for six years in accordance with tax law.", FindingStatus.Missing)]
    [InlineData("交易对账记录保存三年。", FindingStatus.Missing)]
    [InlineData("Party A shall record its processing of user information.", FindingStatus.Insufficient)]
    [InlineData("You keep a log of what you did with the data for two years.", FindingStatus.Insufficient)]
    public void Processing_records_count_and_business_records_do_not(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("record_keeping", clause));

    [Theory]
    [InlineData("You must keep the data safe.", FindingStatus.Insufficient)]
    [InlineData("商家应当妥善保管消费者信息，防止泄露。", FindingStatus.Insufficient)]
    [InlineData("Licensee shall maintain industry-standard safeguards.", FindingStatus.Insufficient)]
    [InlineData("乙方仅可为统计推广效果使用甲方提供的去标识化用户信息，不得尝试重新识别用户身份。", FindingStatus.Missing)]
    public void A_security_duty_without_a_concrete_measure_is_hollow_and_de_identified_data_is_no_measure(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("security_measures", clause));

    [Theory]
    [InlineData("Vendor shall not subcontract any processing of Platform data without the Platform's written consent.", FindingStatus.Missing)]
    [InlineData("乙方处理数据的目的、方式和范围以附件一为准。", FindingStatus.Satisfied)]
    [InlineData("Licensee may use the data for any lawful business purpose.", FindingStatus.Insufficient)]
    [InlineData("乙方可以为其自身业务需要使用甲方提供的数据。", FindingStatus.Insufficient)]
    public void Scope_needs_a_processing_verb_limited_to_purposes(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("scope", clause));

    [Theory]
    [InlineData("乙方对因违约给平台造成的损失承担赔偿责任。", FindingStatus.Insufficient)]
    [InlineData("If Party B compensates users first due to Party A's breach, Party B has the right to recover from Party A.", FindingStatus.Satisfied)]
    public void Recourse_needs_the_platform_to_have_paid_users(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("liability_recourse", clause));

    [Theory]
    [InlineData("You must not give the data to anyone else unless we say yes in writing.", "onward_transfer")]
    [InlineData("When you stop using our platform, delete the data.", "return_deletion")]
    [InlineData("We can check how you handle the data whenever we ask.", "audit")]
    [InlineData("The Partner answers to the Platform for the protection of user data entrusted to it and for the security of its own IT environment.", "responsibility")]
    public void Plain_paraphrases_of_the_duties_are_recognised(string clause, string rule)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf(rule, clause));

    [Fact]
    public void A_cue_naming_an_unknown_concept_stops_start_up()
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream("Governance.Core.Policies.Profiles.cn-2021-draft.json")!;
        var original = new StreamReader(stream).ReadToEnd();
        var json = original.Replace("[\"@audit\"], [\"@audit_object\"]", "[\"@audit\"], [\"@no_such_concept\"]", StringComparison.Ordinal);
        Assert.NotEqual(original, json);

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "x.json"));

        Assert.Contains("@no_such_concept", ex.Message, StringComparison.Ordinal);
    }
}
