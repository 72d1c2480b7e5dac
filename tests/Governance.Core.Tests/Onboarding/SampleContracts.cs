namespace Governance.Core.Tests.Onboarding;

/// <summary>
/// Complete contracts (every always-applying clause of the library, in its own numbered sentence), in English and
/// Chinese; the scope names order delivery and contact details (订单配送, 联系方式). Free of test-framework types, so
/// the benchmark compiles this file and <see cref="LargeContracts"/> too.
/// </summary>
public static class SampleContracts
{
    public const string CompleteEnglish = """
        DATA PROCESSING AGREEMENT

        This agreement is made between Example Platform Co., Ltd. (the "Platform") and Acme Apps Ltd. (the "Developer").

        1. The Developer is responsible for the security of the personal data it processes and of its own systems.
        2. The Developer shall process personal data only for order delivery and the contact details listed in Annex 1, and for no other purpose.
        3. The Developer shall protect the data with encryption in transit and at rest and with role-based access control.
        4. The Developer shall notify the Platform of any data breach within 24 hours.
        5. The Developer shall not disclose personal data to any third party without the Platform's prior written consent.
        6. The Developer shall not transfer personal data abroad unless the statutory security assessment has been passed.
        7. Upon termination, the Developer shall delete all personal data.
        8. The Platform may audit the Developer's processing activities.
        9. The Developer shall be liable for any breach and shall reimburse the Platform for compensation it paid to users in advance.
        10. The Developer shall keep processing records for at least three years.
        """;

    public const string CompleteChinese = """
        第三方应用数据处理协议

        甲方（平台运营者）：示例网络科技有限公司；乙方（开发者）：示例软件有限公司。双方就乙方接入平台后处理用户个人信息订立本协议。

        第一条 乙方对其处理的数据及其运营的系统和应用的安全负责。
        第二条 乙方仅可为订单配送目的处理用户的联系方式，不得超出约定的目的、方式和范围处理。
        第三条 乙方应当采取加密、访问控制、去标识化等技术措施保护数据安全。
        第四条 发生数据泄露等安全事件的，乙方应当在二十四小时内通知甲方。
        第五条 未经甲方书面同意，乙方不得向任何第三方提供或委托他人处理个人信息。
        第六条 乙方向境外提供数据前，应当通过国家网信部门组织的安全评估。
        第七条 本协议终止后，乙方应当删除或返还全部个人信息。
        第八条 甲方有权对乙方的数据处理活动进行审计和检查。
        第九条 乙方违反本协议的，应当承担违约责任；甲方先行赔付用户的，有权向乙方追偿。
        第十条 乙方应当保存个人信息处理记录，保存期限不少于三年。
        """;
}
