using Azure.Core.Serialization;
using Governance.Core;
using Governance.Core.Configuration;
using Governance.Core.Json;
using Governance.Functions;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

// Who may call each HTTP function is declared on it ([Access]) and checked here, before the function runs; a
// function without a declaration stops the app at start-up rather than being served to anyone.
AccessGate.RequireDeclarations(FunctionCatalog.Discover(typeof(AccessMiddleware).Assembly));
builder.UseMiddleware<AccessMiddleware>();

// Queue payloads bind with the app's JSON conventions, as on the local host.
builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(GovernanceJson.Options));
builder.Services.AddGovernance(builder.Configuration);
if (!string.IsNullOrWhiteSpace(builder.Configuration[AppSettingNames.ApplicationInsightsConnectionString]))
{
    // AddGovernance wired traces, metrics and logs to Azure Monitor; on the worker, add its invocation spans,
    // continued from the Functions host's trace context, and its resource attributes.
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
}

builder.Services.AddGovernanceFunctions();
builder.Build().Run();
