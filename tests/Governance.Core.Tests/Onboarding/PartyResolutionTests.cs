using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

/// <summary>Who the parties are is read from the contract's own definitions, labels and descriptions, not from a fixed word list.</summary>
public sealed class PartyResolutionTests
{
    private static IReadOnlyDictionary<string, ContractParty> Aliases(string text)
        => ContractParties.Resolve(Draft.Onboarding.ClauseLibrary.Parties, text).ToDictionary(a => a.Name, a => a.Party);

    [Fact]
    public void A_name_defined_after_a_description_takes_the_role_the_description_gives()
    {
        const string head = "This Addendum is entered into by and between Northwind Marketplace, Inc., operator of the Northwind platform (\"Company\"), and the vendor executing the Master Services Agreement (\"Vendor\").";

        var aliases = Aliases(head);

        Assert.Equal(ContractParty.Platform, aliases["Company"]);
        Assert.Equal(ContractParty.ThirdParty, aliases["Vendor"]);
        Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", head + "\n\nVendor shall notify Company in writing within twenty-four (24) hours of discovering a Security Incident."));
    }

    [Fact]
    public void When_we_is_the_vendor_its_duties_bind_the_third_party()
    {
        const string head = "These Terms are made between Acme Analytics Ltd (\"Acme\", \"we\", \"us\" or \"our\") and the platform operator that accepts them (\"Customer\", \"you\" or \"your\").";
        const string clause = "If we become aware of a Security Incident, we will notify you without undue delay and in any case within 72 hours.";

        Assert.Equal(ContractParty.ThirdParty, Aliases(head)["we"]);
        Assert.Equal(ContractParty.Platform, Aliases(head)["Customer"]);
        Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", head + "\n\n" + clause));
        Assert.Equal(FindingStatus.Insufficient, StatusOf("incident_notification", "Platform data terms.\n\n" + clause));
    }

    [Fact]
    public void Chinese_definitions_by_meaning_name_the_parties()
    {
        const string text = "欢迎您接入示例开放平台。本规范中的“我们”指开放平台的运营者示例网络科技有限公司，“您”指接入开放平台的开发者。\n\n如发生用户数据泄露，您应当在二十四小时内通知我们。";

        Assert.Equal(ContractParty.Platform, Aliases(text)["我们"]);
        Assert.Equal(ContractParty.ThirdParty, Aliases(text)["您"]);
        Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", text));
    }

    [Theory]
    [InlineData("委托方：示例网络科技有限公司（以下简称“委托方”）\n受托方：云栈信息技术有限公司（以下简称“受托方”）\n\n发生安全事件的，受托方应当在二十四小时内书面告知委托方。")]
    [InlineData("甲方：星图数据科技有限公司（SDK提供方）\n乙方：示例网络科技有限公司（平台运营者）\n\n甲方发生个人信息安全事件的，应当在四十八小时内告知乙方。")]
    [InlineData("委托人：示例网络科技有限公司（平台运营者，以下简称“委托人”）\n受托人：安信云计算有限公司（以下简称“受托人”）\n\n受托人发现个人信息泄露的，应当在七十二小时内告知委托人。")]
    public void Label_lines_give_placeholders_and_role_names_their_side(string text)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", text));

    [Fact]
    public void A_party_left_without_a_role_takes_the_side_the_others_leave_open()
    {
        var aliases = Aliases("This Data Licence Agreement is made between Example Platform Co., Ltd. (\"Licensor\") and DataBridge Ltd. (\"Licensee\").");
        var merchant = Aliases("本协议由示例网络科技有限公司（以下简称“平台”）与申请入驻的商家（以下简称“商家”）签订。");

        Assert.Equal(ContractParty.Platform, aliases["Licensor"]);
        Assert.Equal(ContractParty.ThirdParty, aliases["Licensee"]);
        Assert.Equal(ContractParty.ThirdParty, merchant["商家"]);
    }

    [Fact]
    public void Defined_terms_for_data_or_documents_are_no_parties()
    {
        var aliases = Aliases("This Data Security Addendum (this \"Addendum\") is made between Example Platform Co., Ltd. (the \"Platform\") and Pixel Co., Ltd. (the \"SDK Provider\"), which provides a software development kit (the \"SDK\").\n\"Client Personal Data\" means personal data supplied by the Platform to the SDK Provider.");

        Assert.DoesNotContain("Addendum", aliases.Keys);
        Assert.DoesNotContain("SDK", aliases.Keys);
        Assert.DoesNotContain("Client Personal Data", aliases.Keys);
        Assert.Equal(ContractParty.ThirdParty, aliases["SDK Provider"]);
    }

    [Fact]
    public void Once_the_contract_names_the_third_party_generic_role_words_are_not_that_party()
    {
        const string head = "This Agreement is made between Example Platform Co., Ltd. (the \"Platform\") and Brightline Apps Ltd. (the \"Developer\").\n\n";

        // "service providers" are the developer's vendors here, so this is sharing without consent, not a duty of the developer.
        Assert.Equal(FindingStatus.Negated, StatusOf("onward_transfer", head + "The Developer may share personal data with its service providers at its discretion."));
        Assert.Equal(FindingStatus.Satisfied, StatusOf("onward_transfer", head + "The Developer shall not engage another processor without the prior written authorisation of the Platform."));
    }

    [Theory]
    [InlineData("Each Party shall inform the other Party of any security breach affecting shared personal data within 24 hours.")]
    [InlineData("任何一方发生涉及对方提供数据的安全事件的，应当在二十四小时内通知对方。")]
    public void The_other_party_is_the_platform_when_both_parties_are_bound(string clause)
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("incident_notification", clause));

    [Fact]
    public void Each_party_may_audit_the_other_gives_the_platform_the_audit_right()
        => Assert.Equal(FindingStatus.Satisfied, StatusOf("audit", "Each Party may, once per year and on 30 days' notice, audit the other Party's compliance with these terms."));
}
