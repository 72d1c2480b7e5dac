using Microsoft.Extensions.Configuration;

namespace Governance.Core.Security;

/// <summary>
/// Whether the app runs in development, where development-only settings (the sample HS256 key) are accepted:
/// when the host environment (<c>DOTNET_ENVIRONMENT</c>/<c>ASPNETCORE_ENVIRONMENT</c>; the local host defaults to
/// Development) or the Functions environment (<c>AZURE_FUNCTIONS_ENVIRONMENT</c>, which Core Tools sets to
/// Development and Azure to Production) says Development. Anything else, or nothing, is not development.
/// </summary>
public static class HostingEnvironment
{
    public const string Development = "Development";
    public const string FunctionsEnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";

    public static bool IsDevelopment(string? hostEnvironmentName, IConfiguration configuration)
        => string.Equals(hostEnvironmentName, Development, StringComparison.OrdinalIgnoreCase)
            || string.Equals(configuration[FunctionsEnvironmentSetting], Development, StringComparison.OrdinalIgnoreCase);
}
