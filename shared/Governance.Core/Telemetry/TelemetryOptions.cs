using Governance.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Governance.Core.Telemetry;

/// <summary>
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (empty: nothing is exported) and
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD[;ClientId=…]</c>: sign in with that managed
/// identity), validated at start-up: a malformed one would otherwise export nothing, or export without the identity.
/// </summary>
public sealed class TelemetryOptions
{
    public string? ConnectionString { get; set; }

    public string? AuthenticationString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public static TelemetryOptions From(IConfiguration configuration) => new()
    {
        ConnectionString = configuration[AppSettingNames.ApplicationInsightsConnectionString],
        AuthenticationString = configuration[AppSettingNames.ApplicationInsightsAuthenticationString],
    };

    /// <summary><c>key=value</c> pairs separated by <c>;</c> (keys case-insensitive); null when a part is not a pair.</summary>
    public static Dictionary<string, string>? Pairs(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
            {
                return null;
            }

            pairs[pair[0]] = pair[1];
        }

        return pairs;
    }
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled)
        {
            var pairs = TelemetryOptions.Pairs(options.ConnectionString);
            var endpointsValid = pairs is not null && pairs.Where(p => p.Key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase))
                .All(p => Uri.TryCreate(p.Value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
            if (pairs is null || !pairs.TryGetValue("InstrumentationKey", out var key) || !Guid.TryParse(key, out _) || !endpointsValid)
            {
                failures.Add($"{AppSettingNames.ApplicationInsightsConnectionString} must be an Application Insights connection string "
                    + "(InstrumentationKey=<guid>;IngestionEndpoint=https://…), or empty to export nothing.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.AuthenticationString))
        {
            var pairs = TelemetryOptions.Pairs(options.AuthenticationString);
            var valid = pairs is not null
                && pairs.TryGetValue("Authorization", out var authorization) && string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase)
                && (!pairs.TryGetValue("ClientId", out var clientId) || clientId.Length == 0 || Guid.TryParse(clientId, out _))
                && pairs.Keys.All(k => k.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || k.Equals("ClientId", StringComparison.OrdinalIgnoreCase));
            if (!valid)
            {
                failures.Add($"{AppSettingNames.ApplicationInsightsAuthenticationString} must be Authorization=AAD or Authorization=AAD;ClientId=<guid of the managed identity>, or empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
