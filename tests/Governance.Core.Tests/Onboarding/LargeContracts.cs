using System.Globalization;

namespace Governance.Core.Tests.Onboarding;

/// <summary>Long contracts (about 50 pages) built in memory: the complete clauses spread between pages of filler terms.</summary>
internal static class LargeContracts
{
    public static IReadOnlyList<CorpusParagraph> Paragraphs(int pages)
    {
        var complete = OnboardingKit.CompleteEnglish.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var paragraphs = new List<CorpusParagraph> { new("heading", complete[0]) };
        var clauses = complete.Skip(2).ToList();
        paragraphs.Add(new CorpusParagraph("paragraph", complete[1]));
        // About 8 filler paragraphs of ~60 words (with the clauses) fill a page at 10 pt.
        var fillers = pages * 8;
        for (var i = 0; i < fillers; i++)
        {
            if (i % (fillers / clauses.Count) == 0 && i / (fillers / clauses.Count) < clauses.Count)
            {
                paragraphs.Add(new CorpusParagraph("paragraph", clauses[i / (fillers / clauses.Count)]));
            }

            paragraphs.Add(new CorpusParagraph("paragraph", string.Create(CultureInfo.InvariantCulture,
                $"{100 + i}. The parties shall cooperate in good faith on product listing, pricing display, customer service scripts, release schedules and marketing materials for section {i}. Each party bears its own costs of such cooperation, and questions of interpretation are settled by the steering committee, which meets once a month and keeps minutes of its decisions for internal reference only.")));
        }

        return paragraphs;
    }

    public static byte[] Pdf(int pages) => CorpusRenderer.Pdf(Paragraphs(pages));

    public static byte[] Docx(int pages) => CorpusRenderer.Docx(Paragraphs(pages));
}
