using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Compliance;

/// <summary>Query values the compliance lists read.</summary>
internal static class ComplianceQuery
{
    public const int DefaultPageSize = 50;

    public static int PageSize(HttpRequest req) => int.TryParse(req.Query["pageSize"], out var size) ? size : DefaultPageSize;

    public static string? Token(HttpRequest req) => req.Query["continuationToken"].FirstOrDefault();

    /// <summary>The first non-empty value of the named parameters (aliases), or null.</summary>
    public static string? Value(HttpRequest req, params string[] names)
        => names.Select(n => req.Query[n].FirstOrDefault()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
