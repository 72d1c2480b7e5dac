using Governance.Core.Localization;

namespace Governance.Core.Disclosures;

/// <summary>
/// The chrome of the disclosure page and feed in every language. Plain strings are HTML-encoded where they are
/// written; functions that take <c>html</c> arguments receive encoded HTML (a <c>&lt;time&gt;</c>, an encoded
/// title) and return HTML, so their own text must not contain markup characters.
/// </summary>
public sealed record DisclosureTexts
{
    public static Catalog<DisclosureTexts> Catalog { get; } = new(new Dictionary<Language, DisclosureTexts>
    {
        [Language.ChineseSimplified] = new()
        {
            KindName = kind => kind switch
            {
                DisclosureKinds.PlatformRules => "平台规则",
                DisclosureKinds.PrivacyPolicy => "隐私政策",
                DisclosureKinds.AlgorithmStrategy => "算法策略",
                _ => kind,
            },
            FeedLinkTitle = "已公示的规则",
            SkipLink = "跳到正文",
            VersionLine = (version, effectiveHtml, publishedHtml) => $"第 {version} 版，自 {effectiveHtml} 起施行，发布于 {publishedHtml}。",
            HashLabel = "本文的 SHA-256：",
            OnThisPage = "本页内容",
            TextLink = "正文",
            FormulationLink = "制定程序",
            AdjudicationLink = "争议处理",
            AlgorithmLink = "算法",
            HistoryLink = "版本历史",
            NextNotice = (version, titleHtml, effectiveHtml) => $"第 {version} 版（{titleHtml}）将于 {effectiveHtml} 起施行。",
            SeeWhatChanges = "查看变更内容",
            FormulationHeading = "本规则如何制定",
            AdjudicationHeading = "争议如何裁决与申诉",
            ChangesHeading = "本版本的变更",
            AlgorithmHeading = "算法：",
            PurposeHeading = "目的",
            ParametersHeading = "主要参数",
            OptOutHeading = "关闭个性化推荐",
            OptOutOffered = "您可以关闭基于个人特征的推荐。",
            OptOutNotOffered = "未声明关闭个性化推荐的选项。",
            FilingNumber = "算法备案编号：",
            InEffectNow = "现行有效",
            Superseded = "生效前已被取代",
            Replaced = "已被替换",
            Scheduled = "待生效",
            HistoryEntry = (version, titleHtml) => $"第 {version} 版：{titleHtml}",
            HistoryStatus = label => $"（{label}）",
            HistoryDates = (publishedHtml, effectiveHtml) => $"发布于 {publishedHtml}；自 {effectiveHtml} 起施行",
            HistoryHash = "SHA-256：",
            VersionAsJson = version => $"第 {version} 版（JSON）",
            ChangesFrom = version => $"相对第 {version} 版的变更",
            ThisVersionAsJson = "本版本（JSON）",
            AllVersionsAsJson = "全部版本（JSON）",
            FeedLink = "全部规则的 Atom 订阅",
            KeptUnchanged = "每个已发布的版本都原样保存；其 SHA-256 标识确切的文本。",
            FeedTitle = "已公示的规则：平台规则、隐私政策、算法策略",
            FeedSubtitle = "平台公示规则的每一个版本，包括施行时间及其文本的 SHA-256。",
            FeedAuthor = "平台治理",
            FeedEntryTitle = (kindName, version, title) => $"{kindName} 第 {version} 版：{title}",
            FeedEntrySummary = (kindName, version, effective, changeSummary, sha256) => $"{kindName} 第 {version} 版，自 {effective} 起施行。{changeSummary} 文本的 SHA-256：{sha256}。",
            FeedPageLink = "现行版本页面",
        },
        [Language.English] = new()
        {
            KindName = DisclosureKinds.DisplayName,
            FeedLinkTitle = "Published disclosures",
            SkipLink = "Skip to the text",
            VersionLine = (version, effectiveHtml, publishedHtml) => $"Version {version}, in effect since {effectiveHtml}, published {publishedHtml}.",
            HashLabel = "SHA-256 of this text: ",
            OnThisPage = "On this page",
            TextLink = "Text",
            FormulationLink = "How it was formulated",
            AdjudicationLink = "How disputes are decided",
            AlgorithmLink = "Algorithm",
            HistoryLink = "Version history",
            NextNotice = (version, titleHtml, effectiveHtml) => $"Version {version} ({titleHtml}) takes effect on {effectiveHtml}.",
            SeeWhatChanges = "See what changes",
            FormulationHeading = "How this was formulated",
            AdjudicationHeading = "How disputes are decided and appealed",
            ChangesHeading = "What changed in this version",
            AlgorithmHeading = "Algorithm: ",
            PurposeHeading = "Purpose",
            ParametersHeading = "Main parameters",
            OptOutHeading = "Switching off personalisation",
            OptOutOffered = "You can switch off recommendations based on your personal characteristics.",
            OptOutNotOffered = "No option to switch off personalisation is declared.",
            FilingNumber = "Algorithm filing number: ",
            InEffectNow = "in effect now",
            Superseded = "superseded before it took effect",
            Replaced = "replaced",
            Scheduled = "scheduled",
            HistoryEntry = (version, titleHtml) => $"Version {version}: {titleHtml}",
            HistoryStatus = label => $" ({label})",
            HistoryDates = (publishedHtml, effectiveHtml) => $"Published {publishedHtml}; effective from {effectiveHtml}",
            HistoryHash = "SHA-256: ",
            VersionAsJson = version => $"Version {version} as JSON",
            ChangesFrom = version => $"Changes from version {version}",
            ThisVersionAsJson = "This version as JSON",
            AllVersionsAsJson = "All versions as JSON",
            FeedLink = "Atom feed of all disclosures",
            KeptUnchanged = "Every published version is kept unchanged; its SHA-256 identifies the exact text.",
            FeedTitle = "Published disclosures: platform rules, privacy policy, algorithm strategy",
            FeedSubtitle = "Every version of the platform's disclosed rules, with when it takes effect and the SHA-256 of its text.",
            FeedAuthor = "Platform governance",
            FeedEntryTitle = (kindName, version, title) => $"{kindName} version {version}: {title}",
            FeedEntrySummary = (kindName, version, effective, changeSummary, sha256) => $"{kindName} version {version}, effective from {effective}. {changeSummary} SHA-256 of the text: {sha256}.",
            FeedPageLink = "Page of the version in force",
        },
    });

    public required Func<string, string> KindName { get; init; }

    public required string FeedLinkTitle { get; init; }

    public required string SkipLink { get; init; }

    public required Func<int, string, string, string> VersionLine { get; init; }

    public required string HashLabel { get; init; }

    public required string OnThisPage { get; init; }

    public required string TextLink { get; init; }

    public required string FormulationLink { get; init; }

    public required string AdjudicationLink { get; init; }

    public required string AlgorithmLink { get; init; }

    public required string HistoryLink { get; init; }

    public required Func<int, string, string, string> NextNotice { get; init; }

    public required string SeeWhatChanges { get; init; }

    public required string FormulationHeading { get; init; }

    public required string AdjudicationHeading { get; init; }

    public required string ChangesHeading { get; init; }

    public required string AlgorithmHeading { get; init; }

    public required string PurposeHeading { get; init; }

    public required string ParametersHeading { get; init; }

    public required string OptOutHeading { get; init; }

    public required string OptOutOffered { get; init; }

    public required string OptOutNotOffered { get; init; }

    public required string FilingNumber { get; init; }

    public required string InEffectNow { get; init; }

    public required string Superseded { get; init; }

    public required string Replaced { get; init; }

    public required string Scheduled { get; init; }

    public required Func<int, string, string> HistoryEntry { get; init; }

    public required Func<string, string> HistoryStatus { get; init; }

    public required Func<string, string, string> HistoryDates { get; init; }

    public required string HistoryHash { get; init; }

    public required Func<int, string> VersionAsJson { get; init; }

    public required Func<int, string> ChangesFrom { get; init; }

    public required string ThisVersionAsJson { get; init; }

    public required string AllVersionsAsJson { get; init; }

    public required string FeedLink { get; init; }

    public required string KeptUnchanged { get; init; }

    public required string FeedTitle { get; init; }

    public required string FeedSubtitle { get; init; }

    public required string FeedAuthor { get; init; }

    public required Func<string, int, string, string> FeedEntryTitle { get; init; }

    public required Func<string, int, string, string, string, string> FeedEntrySummary { get; init; }

    public required string FeedPageLink { get; init; }
}
