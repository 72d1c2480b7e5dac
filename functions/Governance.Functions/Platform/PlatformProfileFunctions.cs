using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Platform;

public sealed class PlatformProfileFunctions(PlatformProfileService platform, IPolicyProfileProvider profiles)
{
    [Function("PlatformProfileGet")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "platform/profile")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(View(await platform.GetAsync(cancellationToken)));

    [Function("PlatformProfilePut")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "platform/profile")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var size = await RequestBody.ReadJsonAsync<PlatformSizeRequest>(req, 4 * 1024, cancellationToken);
        var stored = await platform.PutAsync(size, req.Caller(), cancellationToken);
        return new OkObjectResult(View(stored));
    }

    private object View(PlatformProfile stored)
    {
        var profile = profiles.Current;
        return new
        {
            stored.Size.DailyActiveUsers,
            stored.Size.MonthlyActiveUsers,
            stored.Size.RegisteredUsers,
            stored.UpdatedAt,
            stored.UpdatedBy,
            PolicyProfile = profile.Id,
            IsLargePlatform = stored.Size.IsLargePlatform(profile.Thresholds.LargePlatform),
            Rule = profile.Rule(PolicyRuleIds.PlatformLargePlatform),
        };
    }
}
