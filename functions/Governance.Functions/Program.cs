using Governance.Core;
using Governance.Functions;
using Governance.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.Services.AddGovernance(builder.Configuration);
builder.Services.AddGovernanceFunctions();
builder.Build().Run();
