using Governance.Core.Json;
using Governance.Functions.Http;
using Governance.Functions.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>What the function classes need beyond Core, shared by the worker and the local host.</summary>
    public static IServiceCollection AddGovernanceFunctions(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => GovernanceJson.Apply(o.JsonSerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => GovernanceJson.Apply(o.SerializerOptions));
        services.AddSingleton<OpenApiDocumentBuilder>();
        services.AddSingleton<IdempotentPost>();
        services.AddSingleton<WriteCompletion>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<Security.ClientAddressResolver>();
        return services;
    }
}
