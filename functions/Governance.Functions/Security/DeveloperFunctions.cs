using Governance.Core.Developers;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Security;

public sealed class DeveloperFunctions(DeveloperService developers, ICallerAuthenticator authenticator)
{
    [Function("DeveloperSignUp")]
    public async Task<IActionResult> SignUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "developers")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<DeveloperSignUp>(req, 16 * 1024, cancellationToken);
        var credentials = await developers.SignUpAsync(body, ClientAddress.From(req), cancellationToken);
        return new ObjectResult(credentials) { StatusCode = StatusCodes.Status201Created };
    }

    [Function("DeveloperMe")]
    public async Task<IActionResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "developers/me")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = await authenticator.RequireDeveloperAsync(req.Headers[ApiKeyHeader.Name], cancellationToken);
        return new OkObjectResult(await developers.GetAsync(caller.DeveloperId!, cancellationToken));
    }

    [Function("DeveloperRotateKey")]
    public async Task<IActionResult> RotateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "developers/me/keys")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = await authenticator.RequireDeveloperAsync(req.Headers[ApiKeyHeader.Name], cancellationToken);
        var credentials = await developers.RotateKeyAsync(caller.DeveloperId!, cancellationToken);
        return new ObjectResult(credentials) { StatusCode = StatusCodes.Status201Created };
    }
}
