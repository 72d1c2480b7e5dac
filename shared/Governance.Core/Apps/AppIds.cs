using System.Buffers;

namespace Governance.Core.Apps;

/// <summary>
/// App ids are chosen by the platform and used as table keys and in URLs, so they are restricted to a safe
/// alphabet instead of being escaped: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.
/// </summary>
public static class AppIds
{
    public const int MaxLength = 100;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>Null when <paramref name="appId"/> is a valid app id, else what is wrong with it.</summary>
    public static string? Check(string? appId)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return "is required.";
        }

        if (appId.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        if (appId.AsSpan().IndexOfAnyExcept(Allowed) >= 0 || !char.IsAsciiLetterOrDigit(appId[0]))
        {
            return "may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.";
        }

        return null;
    }

    public static bool IsValid(string? appId) => Check(appId) is null;
}
