using System.Buffers.Text;
using System.Text;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Storage;

/// <summary>
/// Continuation tokens as clients see them: the table SDK's token, base64url-encoded. A token a client made up
/// is a 400 here, instead of a malformed next-key reaching the table service (which Azure answers with an error
/// that would surface as a 5xx; Azurite silently accepts it).
/// </summary>
public static class PageTokens
{
    private const int MaxLength = 4096;

    public static string? ToClient(string? sdkToken)
        => sdkToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sdkToken));

    public static string? FromClient(string? clientToken, string field = "continuationToken")
    {
        if (string.IsNullOrEmpty(clientToken))
        {
            return null;
        }

        string? decoded = null;
        if (clientToken.Length <= MaxLength && Base64Url.IsValid(clientToken))
        {
            try
            {
                decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(clientToken));
            }
            catch (FormatException)
            {
                decoded = null;
            }
        }

        if (decoded is null || decoded.Length == 0 || TextRules.HasForbiddenCharacters(decoded, allowLineBreaks: false))
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { [field] = ["is not a continuation token this API issued."] });
        }

        return decoded;
    }

    /// <summary>
    /// Runs a page query that carries a client's token; a token the table service refuses (well-formed base64,
    /// but not a next-key it issued) is the client's fault: a 400, not a 5xx.
    /// </summary>
    public static async Task<T> QueryAsync<T>(string? clientToken, Func<string?, Task<T>> query, string field = "continuationToken")
    {
        var sdkToken = FromClient(clientToken, field);
        try
        {
            return await query(sdkToken);
        }
        catch (Azure.RequestFailedException ex) when (sdkToken is not null && ex.Status == 400)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { [field] = ["is not a continuation token this API issued."] });
        }
    }
}
