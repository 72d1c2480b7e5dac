namespace Governance.Core.Security;

public static class ApiKeyHeader
{
    public const string Name = "X-Api-Key";

    /// <summary>The challenge sent with a 401 to a developer endpoint.</summary>
    public const string Challenge = "ApiKey header=\"X-Api-Key\"";
}
