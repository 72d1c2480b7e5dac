using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Functions.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Developers;

public sealed class DeveloperFunctions(DeveloperService developers)
{
    private const string Me = "me";

    [Function("DeveloperSignUp")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Sign up as a developer", Description = "Returns the API key once (and a webhook secret when a callback URL is given); rate limited per client address.", Problems = [429])]
    [OpenApiBody(typeof(DeveloperSignUp))]
    [OpenApiResponse(201, typeof(DeveloperCredentials))]
    public async Task<IActionResult> SignUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "developers")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<DeveloperSignUp>(req, 16 * 1024, cancellationToken);
        var credentials = await developers.SignUpAsync(body, ClientAddress.From(req), cancellationToken);
        return new ObjectResult(credentials) { StatusCode = StatusCodes.Status201Created };
    }

    /// <summary>
    /// A developer reads only itself, also as <c>developers/me</c> (another developer's id is a 404, never a 403);
    /// operators read any ("me" is no developer of theirs: 404). "me" is handled here rather than by its own route
    /// because the Functions host would route <c>developers/me</c> to this function anyway (routes are tried in
    /// function-name order).
    /// </summary>
    [Function("DeveloperGet")]
    [Access(Callers.Developer | Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Read a developer", Description = "`me` is the calling developer. A developer reads only itself (another developer is a 404); operators read any.")]
    [OpenApiResponse(200, typeof(DeveloperProfile))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "developers/{developerId}")] HttpRequest req,
        string developerId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        if (developerId == Me && caller.IsDeveloper)
        {
            developerId = caller.DeveloperId!;
        }

        if (caller.IsDeveloper && !string.Equals(caller.DeveloperId, developerId, StringComparison.Ordinal))
        {
            throw GovernanceProblem.NotFound($"No developer '{developerId}'.");
        }

        return new OkObjectResult(await developers.GetAsync(developerId, cancellationToken));
    }

    [Function("DeveloperRotateKey")]
    [Access(Callers.Developer)]
    [OpenApiOperation("Rotate the calling developer's API key", Description = "Returns the new key once; the old one stops working.")]
    [OpenApiResponse(201, typeof(DeveloperCredentials))]
    public async Task<IActionResult> RotateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "developers/me/keys")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var credentials = await developers.RotateKeyAsync(req.Caller().DeveloperId!, cancellationToken);
        return new ObjectResult(credentials) { StatusCode = StatusCodes.Status201Created };
    }
}
