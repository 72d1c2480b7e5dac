using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Periods written in a clause, in hours: digits or English number words ("twenty-four (24) hours",
/// "72 hours", "three years") and Chinese numerals or digits ("二十四小时", "三年", "七十二小时", "30日").
/// Business and working days count as days, a month as a twelfth of a year; halves count ("两年半", "半年", "one and a
/// half years"); of a range ("3-5 business days", "三至五个工作日") only the upper bound carries a unit and is read.
/// Dates ("2025年1月1日") are not periods.
/// </summary>
public static partial class Durations
{
    public const double HoursPerYear = 24 * 365;

    private static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
        ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["a hundred"] = 100, ["one hundred"] = 100, ["a"] = 1, ["an"] = 1, ["half a"] = 0,
    };

    /// <summary>Every period in <paramref name="text"/>, in hours.</summary>
    public static IReadOnlyList<double> InHours(string text)
    {
        var found = new List<double>();
        foreach (Match m in English().Matches(text))
        {
            if (ParseEnglishNumber(m.Groups["n"].Value) is { } n)
            {
                found.Add((n + (m.Groups["half"].Success ? 0.5 : 0)) * UnitHours(m.Groups["u"].Value));
            }
        }

        foreach (Match m in ChineseHalf().Matches(text))
        {
            found.Add(0.5 * UnitHours(m.Groups["u"].Value));
        }

        foreach (Match m in Chinese().Matches(text))
        {
            var after = m.Index + m.Length;
            var unit = m.Groups["u"].Value;
            // "2025年1月" or "1月1日" are dates, not periods.
            if ((unit is "年" or "月") && after < text.Length && (char.IsDigit(text[after]) || "一二三四五六七八九十".Contains(text[after], StringComparison.Ordinal)) && !m.Value.Contains('个', StringComparison.Ordinal))
            {
                continue;
            }

            // "1月1日": a day of a month is a date too.
            if (unit == "日" && m.Index > 0 && text[m.Index - 1] == '月')
            {
                continue;
            }

            if (ParseChineseNumber(m.Groups["n"].Value) is { } n && !(unit == "年" && n >= 1900))
            {
                // "两年半": two and a half years.
                var half = after < text.Length && text[after] == '半' ? 0.5 : 0;
                found.Add((n + half) * UnitHours(unit));
            }
        }

        return found;
    }

    public static double? ParseEnglishNumber(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        if (double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        if (Words.TryGetValue(v, out var w))
        {
            return w == 0 && v == "half a" ? 0.5 : w;
        }

        var parts = v.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && Words.TryGetValue(parts[0], out var tens) && Words.TryGetValue(parts[1], out var ones) ? tens + ones : null;
    }

    public static double? ParseChineseNumber(string value)
    {
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        long total = 0, current = 0;
        foreach (var c in value)
        {
            var digit = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c is '〇')
            {
                digit = 0;
            }
            else if (c is '两')
            {
                digit = 2;
            }

            if (digit >= 0)
            {
                current = digit;
                continue;
            }

            var multiplier = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (multiplier == 0)
            {
                return null;
            }

            total += (current == 0 ? 1 : current) * multiplier;
            current = 0;
        }

        return total + current;
    }

    private static double UnitHours(string unit)
    {
        var u = unit.ToLowerInvariant();
        return u switch
        {
            _ when u.StartsWith('h') || u == "小时" => 1,
            _ when u.Contains("day", StringComparison.Ordinal) || u is "日" or "天" or "工作日" or "自然日" => 24,
            _ when u.StartsWith("week", StringComparison.Ordinal) || u is "周" or "星期" => 24 * 7,
            _ when u.StartsWith("month", StringComparison.Ordinal) || u is "月" or "个月" => HoursPerYear / 12,
            _ => HoursPerYear,
        };
    }

    [GeneratedRegex(@"(?<![\p{L}\d.])(?<n>\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|(?:a|one)\s+hundred|half\s+a|an?)(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?(?<half>\s+and\s+a\s+half)?[\s-]*(?:calendar\s+|business\s+|working\s+|full\s+)?(?<u>hours?|hrs?|h(?=\b)|days?|weeks?|months?|years?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex English();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:个)?\s*(?<u>小时|工作日|自然日|日|天|周|星期|个月|月|年)", RegexOptions.CultureInvariant)]
    private static partial Regex Chinese();

    /// <summary>"半年", "半个月": half of the unit, with no number before it.</summary>
    [GeneratedRegex(@"(?<![零〇一二两三四五六七八九十百千\d])半\s*(?:个)?\s*(?<u>小时|天|月|年)", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseHalf();
}
