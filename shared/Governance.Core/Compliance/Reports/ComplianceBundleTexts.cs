using Governance.Core.Localization;

namespace Governance.Core.Compliance.Reports;

/// <summary>
/// The chrome of the compliance bundle's HTML in every language. Plain strings are HTML-encoded where written;
/// functions taking <c>html</c> arguments receive encoded HTML (a <c>&lt;time&gt;</c>) and return HTML, so their
/// own text holds no markup characters. Codes (routes, severities, statuses, kinds) get a label per language;
/// a code without one is shown as it is.
/// </summary>
public sealed record ComplianceBundleTexts
{
    public static Catalog<ComplianceBundleTexts> Catalog { get; } = new(new Dictionary<Language, ComplianceBundleTexts>
    {
        [Language.ChineseSimplified] = new()
        {
            Title = "合规记录汇总",
            SkipLink = "跳到正文",
            Period = (fromHtml, toHtml) => $"期间：{fromHtml} 至 {toHtml}（不含）",
            Generated = html => $"生成于 {html}",
            Profile = "政策配置：",
            AuditRoot = "审计根哈希：",
            AuditEntries = "审计条目数：",
            AuditNote = "审计根哈希等于生成本汇总时 GET /api/audit/verify 返回的 headHash，可与审计锚点核对。",
            OnThisPage = "本页内容",
            Summary = "概览",
            Section = "记录",
            Count = "数量",
            DisclosuresPublished = "已公示的规则",
            AppsOnboarded = "接入的应用",
            AppsSuspended = "暂停的应用",
            ClaimsFiled = "先行赔付申请",
            ClaimsPrepaid = "已先行赔付",
            PricingFindings = "价格歧视发现",
            Exports = "数据出境",
            Incidents = "安全事件",
            Filings = "监管报备",
            None = "本期间无记录。",
            Id = "编号",
            Time = "时间",
            Details = "详情",
            RecipientCountry = "接收方所在国家或地区",
            Route = "出境路径",
            Status = "状态",
            Individuals = "涉及个人数",
            Expires = "到期时间",
            Flags = "待重新评估",
            Detected = "发现时间",
            Severity = "事件级别",
            Deadlines = "报告时限",
            Kind = "事项",
            OccursAt = "生效时间",
            Duties = "义务",
            Due = html => $"截止 {html}",
            NoDueDate = "无法定期限",
            DeadlineTotals = (met, missed, open) => $"时限：按时完成 {met} 项，逾期 {missed} 项，进行中 {open} 项。",
            DutyTotals = (done, open, overdue) => $"义务：已完成 {done} 项，进行中 {open} 项，已逾期 {overdue} 项。",
            JsonNote = "以 Accept: application/json 请求同一地址可得到本汇总的 JSON 版本。",
            Label = code => code switch
            {
                "security_assessment" => "安全评估",
                "certification" => "个人信息保护认证",
                "standard_contract" => "标准合同",
                "exemption" => "豁免",
                "approved" => "有效",
                "expired" => "已到期",
                "deleted" => "已删除",
                "especially_major" => "特别重大",
                "major" => "重大",
                "relatively_major" => "较大",
                "general" => "一般",
                "open" => "进行中",
                "met" => "按时完成",
                "missed" => "逾期",
                "done" => "已完成",
                "overdue" => "已逾期",
                "merger" => "合并",
                "reorganization" => "重组",
                "division" => "分立",
                "foreign_listing" => "赴国外上市",
                "hong_kong_listing" => "赴香港上市",
                "overseas_centre" => "在境外设立总部或运营、研发中心",
                "dissolution" => "解散或破产",
                _ => code,
            },
        },
        [Language.English] = new()
        {
            Title = "Compliance bundle",
            SkipLink = "Skip to the records",
            Period = (fromHtml, toHtml) => $"Period: {fromHtml} to {toHtml} (exclusive)",
            Generated = html => $"Generated {html}",
            Profile = "Policy profile: ",
            AuditRoot = "Audit root hash: ",
            AuditEntries = "Audit entries: ",
            AuditNote = "The audit root hash equals headHash of GET /api/audit/verify when this bundle was made; check it against the audit anchors.",
            OnThisPage = "On this page",
            Summary = "Summary",
            Section = "Records",
            Count = "Count",
            DisclosuresPublished = "Disclosures published",
            AppsOnboarded = "Apps onboarded",
            AppsSuspended = "Apps suspended",
            ClaimsFiled = "Compensation claims filed",
            ClaimsPrepaid = "Advance payments",
            PricingFindings = "Pricing findings",
            Exports = "Cross-border transfers",
            Incidents = "Incidents",
            Filings = "Regulatory filings",
            None = "None in this period.",
            Id = "Id",
            Time = "Time",
            Details = "Details",
            RecipientCountry = "Recipient country or region",
            Route = "Route",
            Status = "Status",
            Individuals = "Individuals",
            Expires = "Expires",
            Flags = "Re-assessment due",
            Detected = "Detected",
            Severity = "Severity",
            Deadlines = "Deadlines",
            Kind = "Event",
            OccursAt = "Takes effect",
            Duties = "Duties",
            Due = html => $"due {html}",
            NoDueDate = "no statutory due date",
            DeadlineTotals = (met, missed, open) => $"Deadlines: {met} met, {missed} missed, {open} open.",
            DutyTotals = (done, open, overdue) => $"Duties: {done} done, {open} open, {overdue} overdue.",
            JsonNote = "The same bundle as JSON: request this address with Accept: application/json.",
            Label = code => code.Replace('_', ' '),
        },
    });

    public required string Title { get; init; }

    public required string SkipLink { get; init; }

    public required Func<string, string, string> Period { get; init; }

    public required Func<string, string> Generated { get; init; }

    public required string Profile { get; init; }

    public required string AuditRoot { get; init; }

    public required string AuditEntries { get; init; }

    public required string AuditNote { get; init; }

    public required string OnThisPage { get; init; }

    public required string Summary { get; init; }

    public required string Section { get; init; }

    public required string Count { get; init; }

    public required string DisclosuresPublished { get; init; }

    public required string AppsOnboarded { get; init; }

    public required string AppsSuspended { get; init; }

    public required string ClaimsFiled { get; init; }

    public required string ClaimsPrepaid { get; init; }

    public required string PricingFindings { get; init; }

    public required string Exports { get; init; }

    public required string Incidents { get; init; }

    public required string Filings { get; init; }

    public required string None { get; init; }

    public required string Id { get; init; }

    public required string Time { get; init; }

    public required string Details { get; init; }

    public required string RecipientCountry { get; init; }

    public required string Route { get; init; }

    public required string Status { get; init; }

    public required string Individuals { get; init; }

    public required string Expires { get; init; }

    public required string Flags { get; init; }

    public required string Detected { get; init; }

    public required string Severity { get; init; }

    public required string Deadlines { get; init; }

    public required string Kind { get; init; }

    public required string OccursAt { get; init; }

    public required string Duties { get; init; }

    public required Func<string, string> Due { get; init; }

    public required string NoDueDate { get; init; }

    public required Func<int, int, int, string> DeadlineTotals { get; init; }

    public required Func<int, int, int, string> DutyTotals { get; init; }

    public required string JsonNote { get; init; }

    /// <summary>The reader's word for a code (route, status, severity, kind).</summary>
    public required Func<string, string> Label { get; init; }
}
