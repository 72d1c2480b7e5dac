using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Governance.Core.Localization;

namespace Governance.Core.Disclosures;

/// <summary>
/// An Atom 1.0 feed of every published version, newest publication first. Validation keeps control characters
/// out of titles and summaries, but versions published before it (or any text that slips through) must not
/// break the feed for everyone: characters XML cannot carry are replaced with U+FFFD. Titles and summaries are
/// in the reader's language (<c>xml:lang</c> on the feed), times in the platform's zone; Atom's own dates stay UTC.
/// </summary>
public static class DisclosureFeed
{
    public static string Render(Uri disclosuresBase, IReadOnlyList<DisclosureVersion> versions, ReaderLocale locale)
    {
        var t = DisclosureTexts.Catalog.For(locale);
        var ordered = versions.OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Kind, StringComparer.Ordinal).ToList();
        var feedUri = new Uri(disclosuresBase, "feed");
        var feed = new SyndicationFeed(
            t.FeedTitle,
            t.FeedSubtitle,
            disclosuresBase,
            feedUri.AbsoluteUri,
            ordered.Count > 0 ? ordered[0].PublishedAt : DateTimeOffset.UnixEpoch);
        feed.Links.Add(new SyndicationLink(feedUri, "self", null, "application/atom+xml", 0));
        feed.Language = locale.Language.Tag;
        feed.Authors.Add(new SyndicationPerson { Name = t.FeedAuthor });

        feed.Items = ordered.Select(v =>
        {
            var versionUri = new Uri(disclosuresBase, $"{v.Kind}/versions/{v.Version}");
            var kindName = t.KindName(v.Kind);
            var summary = XmlSafe(t.FeedEntrySummary(kindName, v.Version, locale.FormatDateTime(v.EffectiveFrom), v.Metadata.ChangeSummary, v.Sha256));
            var title = XmlSafe(t.FeedEntryTitle(kindName, v.Version, v.Metadata.Title));
            var item = new SyndicationItem(title, summary, versionUri, versionUri.AbsoluteUri, v.PublishedAt)
            {
                PublishDate = v.PublishedAt,
                Summary = new TextSyndicationContent(summary),
            };
            item.Categories.Add(new SyndicationCategory(v.Kind));
            item.Links.Add(new SyndicationLink(new Uri(disclosuresBase, $"{v.Kind}/page"), "related", t.FeedPageLink, "text/html", 0));
            return item;
        }).ToList();

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><paramref name="text"/> with every character XML 1.0 cannot hold (lone surrogates included) replaced by U+FFFD.</summary>
    public static string XmlSafe(string text)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                safe?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (XmlConvert.IsXmlChar(c))
            {
                safe?.Append(c);
                continue;
            }

            safe ??= new StringBuilder(text.Length).Append(text, 0, i);
            safe.Append('\uFFFD');
        }

        return safe?.ToString() ?? text;
    }
}
