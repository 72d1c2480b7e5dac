using Governance.Core.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Http;

/// <summary>
/// The edge of the reports' localization: every HTML report (or feed) a function returns takes the reader's
/// <see cref="ReaderLocale"/> from here, which also declares the response's language (<c>Content-Language</c>)
/// and tells caches that it varies by <c>Accept-Language</c>. The body then names its language, so its
/// SHA-256 ETag differs per language and a 304 never confirms one language's copy for another.
/// </summary>
public static class ReaderLocales
{
    public static ReaderLocale Negotiate(HttpRequest req, Localizer localizer)
    {
        var locale = localizer.ForAcceptLanguage(req.Headers.AcceptLanguage.ToString());
        var headers = req.HttpContext.Response.Headers;
        headers.ContentLanguage = locale.Language.Tag;
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        return locale;
    }
}
