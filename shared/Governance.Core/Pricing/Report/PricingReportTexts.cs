using Governance.Core.Localization;

namespace Governance.Core.Pricing.Report;

/// <summary>
/// The words of the pricing scan report in every language. Plain strings are HTML-encoded where they are written;
/// functions taking <c>html</c> arguments receive encoded HTML (a <c>&lt;time&gt;</c>, an encoded value) and
/// return HTML, so their own text contains no markup characters. Other functions take and return plain text.
/// </summary>
public sealed record PricingReportTexts
{
    public static Catalog<PricingReportTexts> Catalog { get; } = new(new Dictionary<Language, PricingReportTexts>
    {
        [Language.ChineseSimplified] = new()
        {
            Title = "差别定价扫描报告",
            SkipLink = "跳到发现",
            WindowLine = (scanIdHtml, fromHtml, toHtml) => $"扫描 {scanIdHtml}：{fromHtml} 至 {toHtml} 期间的实付价格。",
            StatusName = status => status switch { "running" => "进行中", "completed" => "已完成", "failed" => "失败", _ => status },
            SummaryHeading = "概要",
            Status = "状态",
            Progress = "已完成的分片",
            ProgressValue = (done, all) => $"{done} / {all}",
            Observations = "观测（去重后）",
            Cells = "交易条件相同的单元",
            Tests = "检验",
            Findings = "发现",
            Started = "开始时间",
            Completed = "结束时间",
            Reason = "失败原因",
            Profile = "政策配置",
            FindingsHeading = "发现（按差异大小排序）",
            NoFindings = "本次扫描没有发现差别定价。",
            RunningNote = "扫描尚未完成，发现将在完成后列出。",
            FailedNote = "扫描失败，未产生发现。",
            MoreFindings = (shown, all) => $"此处列出前 {shown} 项，共 {all} 项；全部发现请通过 GET /api/pricing/findings 查询。",
            FindingHeading = (rank, productHtml, attributeHtml, cohortHtml) => $"第 {rank} 项：商品 {productHtml}，{attributeHtml} = {cohortHtml}",
            Conditions = "交易条件",
            NoConditions = "（无）",
            Quantity = "数量",
            TimeBucket = "时间段",
            Cohort = "该群体",
            Rest = "同一单元的其余用户",
            UsersAndMedian = (users, median) => $"{users} 名用户，实付价中位数 {median}",
            RelativeDifference = "中位数相对差异",
            PValue = "p 值（Mann–Whitney U）",
            AdjustedPValue = "校正后 p 值（Benjamini–Hochberg）",
            LegalBasis = "法律依据",
            Samples = "该群体的样本观测编号",
            ChartTitle = (attribute, cohort) => $"实付价分布：{attribute} = {cohort} 与同单元其余用户",
            ChartDescription = (cohortMedian, restMedian, difference) =>
                $"该群体的实付价中位数为 {cohortMedian}，其余用户为 {restMedian}，相对差异 {difference}。实心柱为该群体，斜线柱为其余用户，柱高为各自用户的占比。",
            CohortLegend = "该群体（实心柱，实线为中位数）",
            RestLegend = "其余用户（斜线柱，虚线为中位数）",
            PriceAxis = currency => $"实付价（{currency}）",
            ShareAxis = "用户占比",
            QuantileCaption = "实付价分位数",
            Group = "群体",
            QuantileNames = ["最低", "10%", "25%", "中位数", "75%", "90%", "最高"],
            MethodHeading = "方法与阈值",
            MethodCells = "单元由商品、数量、币种、全部交易条件（地区、渠道、会员等级、促销、实验组等）和时间段共同确定；一个单元从不混合不同的条件，因此由条件解释的价格差异不会被标记。同一用户在一个单元内只计一次（取其实付价的中位数）。",
            MethodTests = "在每个单元内，按每个用户属性划分群体：文本值各为一组，数值按政策配置的分段划分（未配置时按单元内中位数分为两组）；每个群体与单元内其余用户用带结修正的 Mann–Whitney U 检验比较，效应为两组实付价中位数的相对差异。",
            MethodFdr = "一次扫描的全部检验一起用 Benjamini–Hochberg 方法控制错误发现率。一项发现须同时满足下列阈值：",
            FalseDiscoveryRate = "错误发现率 q",
            MinEffect = "最小相对差异",
            MinObservations = "每侧最少用户数",
            Bucket = "时间段长度",
            BucketValue = minutes => minutes % 1440 == 0 ? $"{minutes / 1440} 天" : minutes % 60 == 0 ? $"{minutes / 60} 小时" : $"{minutes} 分钟",
            Bins = "数值属性分段",
            NoBins = "（无；数值属性按中位数分为两组）",
            SampleCount = "每项发现引用的样本数",
            GeneratedAt = timeHtml => $"生成于 {timeHtml}。本报告不含脚本；数据来自 GET /api/pricing/scans/{{scanId}} 与 GET /api/pricing/findings。",
        },
        [Language.English] = new()
        {
            Title = "Discriminatory-pricing scan report",
            SkipLink = "Skip to the findings",
            WindowLine = (scanIdHtml, fromHtml, toHtml) => $"Scan {scanIdHtml} of the prices paid from {fromHtml} to {toHtml}.",
            StatusName = status => status,
            SummaryHeading = "Summary",
            Status = "Status",
            Progress = "Shards done",
            ProgressValue = (done, all) => $"{done} of {all}",
            Observations = "Observations (each id once)",
            Cells = "Cells of equal trading conditions",
            Tests = "Tests",
            Findings = "Findings",
            Started = "Started",
            Completed = "Ended",
            Reason = "Why it failed",
            Profile = "Policy profile",
            FindingsHeading = "Findings, largest difference first",
            NoFindings = "This scan found no discriminatory pricing.",
            RunningNote = "The scan is still running; its findings are listed once it completes.",
            FailedNote = "The scan failed and produced no findings.",
            MoreFindings = (shown, all) => $"The first {shown} of {all} findings are shown; GET /api/pricing/findings lists them all.",
            FindingHeading = (rank, productHtml, attributeHtml, cohortHtml) => $"{rank}. Product {productHtml}, {attributeHtml} = {cohortHtml}",
            Conditions = "Trading conditions",
            NoConditions = "(none)",
            Quantity = "Quantity",
            TimeBucket = "Time bucket",
            Cohort = "Cohort",
            Rest = "Rest of the cell",
            UsersAndMedian = (users, median) => $"{users} users, median paid price {median}",
            RelativeDifference = "Relative difference of the medians",
            PValue = "p-value (Mann–Whitney U)",
            AdjustedPValue = "Adjusted p-value (Benjamini–Hochberg)",
            LegalBasis = "Legal basis",
            Samples = "Sample observation ids of the cohort",
            ChartTitle = (attribute, cohort) => $"Paid prices: {attribute} = {cohort} against the rest of the cell",
            ChartDescription = (cohortMedian, restMedian, difference) =>
                $"The cohort's median paid price is {cohortMedian}, the rest's {restMedian}, a relative difference of {difference}. Solid bars are the cohort, hatched bars the rest; a bar's height is the share of its group's users.",
            CohortLegend = "Cohort (solid bars, solid line at the median)",
            RestLegend = "Rest (hatched bars, dashed line at the median)",
            PriceAxis = currency => $"Paid price ({currency})",
            ShareAxis = "Share of users",
            QuantileCaption = "Quantiles of the paid prices",
            Group = "Group",
            QuantileNames = ["Min", "10%", "25%", "Median", "75%", "90%", "Max"],
            MethodHeading = "Method and thresholds",
            MethodCells = "A cell is one product, quantity, currency, set of trading conditions (region, channel, membership tier, promotion, experiment arm…) and time bucket; a cell never mixes conditions, so prices that conditions explain are never flagged. A user counts once per cell, with the median of the prices they paid there.",
            MethodTests = "Within a cell, users form cohorts per attribute: text values as they are, numbers in the profile's bins (split at the cell's median when it names none). Each cohort is compared with the rest of its cell by a Mann–Whitney U test with tie correction; the effect is the relative difference of the two median paid prices.",
            MethodFdr = "All tests of a scan together are held to a false-discovery rate by the Benjamini–Hochberg procedure. A finding meets every one of these thresholds:",
            FalseDiscoveryRate = "False-discovery rate q",
            MinEffect = "Smallest relative difference",
            MinObservations = "Fewest users on each side",
            Bucket = "Time bucket",
            BucketValue = minutes => minutes % 1440 == 0 ? (minutes == 1440 ? "1 day" : $"{minutes / 1440} days") : minutes % 60 == 0 ? $"{minutes / 60} hours" : $"{minutes} minutes",
            Bins = "Bins of numeric attributes",
            NoBins = "(none; numeric attributes are split at the median)",
            SampleCount = "Sample ids quoted per finding",
            GeneratedAt = timeHtml => $"Generated {timeHtml}. This report runs no script; its data come from GET /api/pricing/scans/{{scanId}} and GET /api/pricing/findings.",
        },
    });

    public required string Title { get; init; }
    public required string SkipLink { get; init; }
    public required Func<string, string, string, string> WindowLine { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required string SummaryHeading { get; init; }
    public required string Status { get; init; }
    public required string Progress { get; init; }
    public required Func<int, int, string> ProgressValue { get; init; }
    public required string Observations { get; init; }
    public required string Cells { get; init; }
    public required string Tests { get; init; }
    public required string Findings { get; init; }
    public required string Started { get; init; }
    public required string Completed { get; init; }
    public required string Reason { get; init; }
    public required string Profile { get; init; }
    public required string FindingsHeading { get; init; }
    public required string NoFindings { get; init; }
    public required string RunningNote { get; init; }
    public required string FailedNote { get; init; }
    public required Func<int, int, string> MoreFindings { get; init; }
    public required Func<int, string, string, string, string> FindingHeading { get; init; }
    public required string Conditions { get; init; }
    public required string NoConditions { get; init; }
    public required string Quantity { get; init; }
    public required string TimeBucket { get; init; }
    public required string Cohort { get; init; }
    public required string Rest { get; init; }
    public required Func<int, string, string> UsersAndMedian { get; init; }
    public required string RelativeDifference { get; init; }
    public required string PValue { get; init; }
    public required string AdjustedPValue { get; init; }
    public required string LegalBasis { get; init; }
    public required string Samples { get; init; }
    public required Func<string, string, string> ChartTitle { get; init; }
    public required Func<string, string, string, string> ChartDescription { get; init; }
    public required string CohortLegend { get; init; }
    public required string RestLegend { get; init; }
    public required Func<string, string> PriceAxis { get; init; }
    public required string ShareAxis { get; init; }
    public required string QuantileCaption { get; init; }
    public required string Group { get; init; }
    public required IReadOnlyList<string> QuantileNames { get; init; }
    public required string MethodHeading { get; init; }
    public required string MethodCells { get; init; }
    public required string MethodTests { get; init; }
    public required string MethodFdr { get; init; }
    public required string FalseDiscoveryRate { get; init; }
    public required string MinEffect { get; init; }
    public required string MinObservations { get; init; }
    public required string Bucket { get; init; }
    public required Func<int, string> BucketValue { get; init; }
    public required string Bins { get; init; }
    public required string NoBins { get; init; }
    public required string SampleCount { get; init; }
    public required Func<string, string> GeneratedAt { get; init; }
}
