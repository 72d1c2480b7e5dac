using System.Globalization;

namespace Governance.Core.Tests.Onboarding;

/// <summary>
/// Long contracts (about 50 pages) built in memory: the complete clauses spread between pages of filler terms, in
/// English or Chinese (<c>en</c>, <c>zh</c>). A Chinese PDF needs a TrueType CJK font (see <see cref="CorpusRenderer.Pdf"/>).
/// The benchmark compiles this file as well.
/// </summary>
internal static class LargeContracts
{
    public static IReadOnlyList<CorpusParagraph> Paragraphs(int pages, string language = "en")
    {
        var chinese = language == "zh";
        var complete = (chinese ? SampleContracts.CompleteChinese : SampleContracts.CompleteEnglish)
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var paragraphs = new List<CorpusParagraph> { new("heading", complete[0]) };
        var clauses = complete.Skip(2).ToList();
        paragraphs.Add(new CorpusParagraph("paragraph", complete[1]));
        // About 8 filler paragraphs of ~60 words (with the clauses) fill a page at 10 pt, or 10 of ~140 Chinese characters.
        var fillers = pages * (chinese ? 10 : 8);
        for (var i = 0; i < fillers; i++)
        {
            if (i % (fillers / clauses.Count) == 0 && i / (fillers / clauses.Count) < clauses.Count)
            {
                paragraphs.Add(new CorpusParagraph("paragraph", clauses[i / (fillers / clauses.Count)]));
            }

            paragraphs.Add(new CorpusParagraph("paragraph", chinese
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{100 + i}、双方应当在产品上架、价格展示、客服话术、版本发布和市场推广等方面就第{i}节所述事项诚信合作，各自承担因合作产生的费用。对本节约定的理解有分歧的，由双方指定的联络人友好协商确定；协商期间，双方应当继续履行本节其他约定，并及时向对方通报进展，不影响双方在其他合作项目中的权利。")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{100 + i}. The parties shall cooperate in good faith on product listing, pricing display, customer service scripts, release schedules and marketing materials for section {i}. Each party bears its own costs of such cooperation, and questions of interpretation are settled by the steering committee, which meets once a month and keeps minutes of its decisions for internal reference only.")));
        }

        return paragraphs;
    }

    public static byte[] Pdf(int pages, string language = "en", byte[]? cjkFont = null) => CorpusRenderer.Pdf(Paragraphs(pages, language), cjkFont);

    public static byte[] Docx(int pages, string language = "en") => CorpusRenderer.Docx(Paragraphs(pages, language));
}
