using Azure.Core.Serialization;
using Governance.Core;
using Governance.Core.Configuration;
using Governance.Core.Json;
using Governance.Functions;
using Governance.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

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
