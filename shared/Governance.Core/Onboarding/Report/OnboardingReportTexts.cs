using Governance.Core.Localization;
using Governance.Core.Onboarding.Requests;

namespace Governance.Core.Onboarding.Report;

/// <summary>
/// The chrome of the onboarding report in every language (rule titles and finding messages come from the clause
/// library and the checks, in both languages). Plain strings are HTML-encoded where they are written; functions whose
/// arguments end in <c>Html</c> receive encoded HTML and return HTML, so their own text holds no markup characters.
/// </summary>
public sealed record OnboardingReportTexts
{
    public static Catalog<OnboardingReportTexts> Catalog { get; } = new(new Dictionary<Language, OnboardingReportTexts>
    {
        [Language.ChineseSimplified] = new()
        {
            Kicker = "第三方应用入驻审核报告",
            Title = app => $"入驻审核：{app}",
            SkipLink = "跳到审核结果",
            RequestLabel = "申请编号",
            AppLabel = "应用编号",
            DeveloperLabel = "开发者",
            StatusLabel = "状态",
            SubmittedLabel = "提交时间",
            DecidedLabel = "决定时间",
            ProfileLabel = "政策配置",
            LibraryLabel = "条款库版本",
            ContractLabel = "合同",
            PreviousLabel = "前次申请",
            ContractLine = (format, pages, sha256) => pages is { } p ? $"{format}，{p} 页，SHA-256：{sha256}" : $"{format}，SHA-256：{sha256}",
            StatusName = status => status switch
            {
                OnboardingStatuses.Pending => "待审核",
                OnboardingStatuses.Checking => "审核中",
                OnboardingStatuses.Approved => "已批准",
                OnboardingStatuses.ChangesRequested => "需修改",
                OnboardingStatuses.Rejected => "已拒绝",
                OnboardingStatuses.Error => "审核出错",
                _ => status,
            },
            FindingName = status => status switch
            {
                FindingStatus.Satisfied => "已满足",
                FindingStatus.Missing => "缺失",
                FindingStatus.Negated => "被排除",
                FindingStatus.Insufficient => "不充分",
                FindingStatus.Unreadable => "无法读取",
                FindingStatus.Violated => "不符合",
                _ => "导致拒绝",
            },
            SeverityName = severity => severity switch
            {
                ClauseSeverity.Blocking => "阻断性",
                ClauseSeverity.Major => "重要",
                _ => "次要",
            },
            FindingsHeading = "审核结果",
            Summary = (total, problems) => problems == 0 ? $"共审核 {total} 项规则，全部满足。" : $"共审核 {total} 项规则，其中 {problems} 项需要处理。",
            NotFinished = "审核尚未完成，完成后本页将列出每项规则的审核结果。",
            ErrorHeading = "审核未能完成",
            OverrideLine = (decision, timeHtml) => $"工作人员于 {timeHtml} 将决定改为“{decision}”。理由：",
            ClauseNumber = clause => $"合同第 {clause} 条",
            SeverityLabel = "严重程度：",
            LegalBasisLabel = "法律依据：",
            QuoteCaption = "合同原文",
            Location = (page, paragraph) => page is { } p ? $"第 {p} 页，第 {paragraph} 段" : $"第 {paragraph} 段",
            NoQuote = "合同中没有可引用的相应条款。",
            FromManifest = "本项依据的是申报清单中的申报内容。",
            Footer = "本报告依据所列政策配置的条款库自动生成；每项结果注明其依据的规则和法律条文。",
        },
        [Language.English] = new()
        {
            Kicker = "Third-party onboarding check",
            Title = app => $"Onboarding check: {app}",
            SkipLink = "Skip to the findings",
            RequestLabel = "Request",
            AppLabel = "App",
            DeveloperLabel = "Developer",
            StatusLabel = "Status",
            SubmittedLabel = "Submitted",
            DecidedLabel = "Decided",
            ProfileLabel = "Policy profile",
            LibraryLabel = "Clause library version",
            ContractLabel = "Contract",
            PreviousLabel = "Resubmission of",
            ContractLine = (format, pages, sha256) => pages is { } p ? $"{format}, {p} {(p == 1 ? "page" : "pages")}, SHA-256: {sha256}" : $"{format}, SHA-256: {sha256}",
            StatusName = status => status switch
            {
                OnboardingStatuses.Pending => "pending",
                OnboardingStatuses.Checking => "being checked",
                OnboardingStatuses.Approved => "approved",
                OnboardingStatuses.ChangesRequested => "changes requested",
                OnboardingStatuses.Rejected => "rejected",
                OnboardingStatuses.Error => "check failed",
                _ => status,
            },
            FindingName = status => status switch
            {
                FindingStatus.Satisfied => "satisfied",
                FindingStatus.Missing => "missing",
                FindingStatus.Negated => "negated",
                FindingStatus.Insufficient => "insufficient",
                FindingStatus.Unreadable => "unreadable",
                FindingStatus.Violated => "violated",
                _ => "rejects the request",
            },
            SeverityName = severity => severity switch
            {
                ClauseSeverity.Blocking => "blocking",
                ClauseSeverity.Major => "major",
                _ => "minor",
            },
            FindingsHeading = "Findings",
            Summary = (total, problems) => problems == 0 ? $"{total} rules checked; all are satisfied." : $"{total} rules checked; {problems} need attention.",
            NotFinished = "The check has not finished; this page will list the finding of every rule once it has.",
            ErrorHeading = "The check could not be completed",
            OverrideLine = (decision, timeHtml) => $"Staff changed the decision to “{decision}” on {timeHtml}. Reason: ",
            ClauseNumber = clause => $"Contract clause {clause}",
            SeverityLabel = "Severity: ",
            LegalBasisLabel = "Legal basis: ",
            QuoteCaption = "From the contract",
            Location = (page, paragraph) => page is { } p ? $"page {p}, paragraph {paragraph}" : $"paragraph {paragraph}",
            NoQuote = "The contract has no clause to quote for this rule.",
            FromManifest = "This finding rests on what the manifest declares.",
            Footer = "This report was produced automatically from the clause library of the policy profile named above; every finding names the rule and the law it rests on.",
        },
    });

    public required string Kicker { get; init; }

    public required Func<string, string> Title { get; init; }

    public required string SkipLink { get; init; }

    public required string RequestLabel { get; init; }

    public required string AppLabel { get; init; }

    public required string DeveloperLabel { get; init; }

    public required string StatusLabel { get; init; }

    public required string SubmittedLabel { get; init; }

    public required string DecidedLabel { get; init; }

    public required string ProfileLabel { get; init; }

    public required string LibraryLabel { get; init; }

    public required string ContractLabel { get; init; }

    public required string PreviousLabel { get; init; }

    /// <summary>(format, pages, SHA-256) → the contract's line.</summary>
    public required Func<string, int?, string, string> ContractLine { get; init; }

    public required Func<string, string> StatusName { get; init; }

    public required Func<FindingStatus, string> FindingName { get; init; }

    public required Func<ClauseSeverity, string> SeverityName { get; init; }

    public required string FindingsHeading { get; init; }

    /// <summary>(rules checked, problems) → the summary sentence.</summary>
    public required Func<int, int, string> Summary { get; init; }

    public required string NotFinished { get; init; }

    public required string ErrorHeading { get; init; }

    /// <summary>(decision label, encoded time element) → HTML.</summary>
    public required Func<string, string, string> OverrideLine { get; init; }

    public required Func<string, string> ClauseNumber { get; init; }

    public required string SeverityLabel { get; init; }

    public required string LegalBasisLabel { get; init; }

    public required string QuoteCaption { get; init; }

    /// <summary>(page, paragraph) → where a quote is.</summary>
    public required Func<int?, int, string> Location { get; init; }

    public required string NoQuote { get; init; }

    /// <summary>Said beside a declaration finding, which rests on the manifest rather than a quote.</summary>
    public required string FromManifest { get; init; }

    public required string Footer { get; init; }
}
