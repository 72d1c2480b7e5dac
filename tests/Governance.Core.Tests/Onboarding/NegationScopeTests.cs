using Governance.Core.Onboarding;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

/// <summary>An exclusion counts for what it covers: a whole duty, part of it, or a carve-out beside a duty the same sentence imposes.</summary>
public sealed class NegationScopeTests
{
    [Theory]
    [InlineData("Party B shall inform Party A of any personal information security incident within 12 hours. Party B shall not be required to notify Party A of failed login attempts or port scans that do not result in access to personal information.")]
    [InlineData("甲方发生用户信息泄露事件的，应当在二十四小时内通知乙方；甲方无需就未造成信息泄露的系统故障通知乙方。")]
    public void An_exclusion_of_part_of_the_incidents_leaves_the_notice_duty_standing(string clause)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", clause));

    [Fact]
    public void An_exclusion_whose_exception_is_the_only_duty_is_a_negation()
        => Assert.Equal(FindingStatus.Negated, StatusOf("incident_notification", "Developer shall not be required to notify Platform of any Security Incident unless the incident involves data of more than 10,000 users, in which case Developer shall notify Platform within 72 hours."));

    [Fact]
    public void A_partial_exclusion_alone_is_still_a_negation()
        => Assert.Equal(FindingStatus.Negated, StatusOf("incident_notification", "The Developer shall not be required to notify the Platform of incidents that do not involve personal data."));

    [Theory]
    [InlineData("乙方对其自身系统的安全负责，但对甲方传输至乙方的数据在传输过程中的安全不承担责任。", FindingStatus.Satisfied)]
    [InlineData("乙方对其处理的数据的安全不承担责任。", FindingStatus.Negated)]
    public void A_carve_out_after_a_duty_in_the_same_sentence_leaves_the_duty(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("responsibility", clause));

    [Theory]
    [InlineData("The Service Provider shall not be required to permit any inspection of its premises or systems, but shall answer the Company's written questions.")]
    [InlineData("乙方不接受甲方的现场检查，但应当每年向甲方提供第三方机构出具的安全审计报告。")]
    public void An_alternative_offered_after_an_exclusion_does_not_undo_it(string clause)
        => Assert.Equal(FindingStatus.Negated, StatusOf("audit", clause));

    [Theory]
    [InlineData("乙方可以与其合作伙伴共享数据。", FindingStatus.Negated)]
    [InlineData("The SDK Provider may disclose collected data to its affiliates and advertising partners.", FindingStatus.Negated)]
    [InlineData("Party A may entrust a third party to process user information, provided that Party A informs Party B.", FindingStatus.Insufficient)]
    [InlineData("乙方如需委托其他主体处理用户数据的，应当提前三十日通知甲方，甲方未在通知期内提出异议的，视为同意。", FindingStatus.Insufficient)]
    [InlineData("The Service Provider shall not disclose customer data to any third party except its delivery contractors.", FindingStatus.Insufficient)]
    [InlineData("Neither Party shall disclose shared personal data to a third party without the other Party's prior written consent, except to its own employees on a need-to-know basis.", FindingStatus.Satisfied)]
    public void Sharing_is_typed_by_what_it_is_made_subject_to(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("onward_transfer", clause));

    [Theory]
    [InlineData("6. Termination. Upon termination, the SDK Provider will cease collecting data. Data already collected may be retained in accordance with the SDK Provider's retention policy.", FindingStatus.Negated)]
    [InlineData("Upon termination, the Developer shall delete the data within 60 days, except that the Developer may retain aggregated or de-identified data.", FindingStatus.Satisfied)]
    [InlineData("协议终止后，乙方可以继续保留用户信息用于其自身业务。", FindingStatus.Negated)]
    public void Keeping_the_data_after_termination_is_typed_by_what_is_kept(string clause, FindingStatus expected)
        => Assert.Equal(expected, StatusOf("return_deletion", clause));
}
