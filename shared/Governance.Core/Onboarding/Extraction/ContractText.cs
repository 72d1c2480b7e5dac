using System.Globalization;
using System.Text;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Text normalisation shared by every format: full-width ASCII forms (digits, Latin letters, punctuation such as
/// （）：；，！？) folded to ASCII and Latin ligatures spelled out (the part of NFKC that matters here, done by hand
/// because the app runs with invariant globalization, where string.Normalize leaves non-ASCII text alone),
/// line ends unified and runs of blanks collapsed. For PDF, blanks between two CJK characters
/// are removed too: word extraction puts them there, Chinese has none (in typed text they may separate a heading).
/// </summary>
public static class ContractText
{
    public static string Normalize(string raw, bool dropBlanksBetweenCjk = false)
    {
        var folded = Fold(raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        var sb = new StringBuilder(folded.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        foreach (var c in folded)
        {
            if (c == '\n')
            {
                pendingNewlines++;
                pendingSpace = false;
                continue;
            }

            if (c is ' ' or '\t' or '\u00A0' or '\u3000' or '\u2002' or '\u2003' or '\u2009' or '\u200B' or '\u00AD' or '\uFEFF')
            {
                pendingSpace = c is not ('\u200B' or '\u00AD' or '\uFEFF') || pendingSpace;
                continue;
            }

            if (sb.Length > 0)
            {
                if (pendingNewlines > 0)
                {
                    sb.Append('\n', Math.Min(pendingNewlines, 2));
                }
                else if (pendingSpace && !(dropBlanksBetweenCjk && IsCjk(sb[^1]) && IsCjk(c)))
                {
                    sb.Append(' ');
                }
            }

            sb.Append(c);
            pendingSpace = false;
            pendingNewlines = 0;
        }

        return sb.ToString();
    }

    /// <summary>Full-width ASCII forms to ASCII, ideographic space to a blank, Latin ligatures to letters.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\uFF01' and <= '\uFF5E':
                    sb.Append((char)(c - 0xFEE0));
                    break;
                case '\uFB00':
                    sb.Append("ff");
                    break;
                case '\uFB01':
                    sb.Append("fi");
                    break;
                case '\uFB02':
                    sb.Append("fl");
                    break;
                case '\uFB03':
                    sb.Append("ffi");
                    break;
                case '\uFB04':
                    sb.Append("ffl");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Lines of one sentence joined: by nothing between two CJK characters (a wrapped Chinese line), else by a blank.</summary>
    public static string JoinLines(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
            {
                sb.Append(text[i]);
            }
            else if (!(sb.Length > 0 && IsCjk(sb[^1]) && i + 1 < text.Length && IsCjk(text[i + 1])))
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>CJK ideographs and the CJK punctuation block: characters Chinese text runs together without spaces.</summary>
    public static bool IsCjk(char c)
        => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\u3000' and <= '\u303F' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Private-use code points: glyph ids a PDF font exposes when it has no Unicode mapping.</summary>
    public static bool IsPrivateUse(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse;
}
