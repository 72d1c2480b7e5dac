using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Platform;

/// <summary>The platform's size as last set, and what it means under the active policy profile.</summary>
public sealed record PlatformProfileView(
    long DailyActiveUsers,
    long MonthlyActiveUsers,
    long RegisteredUsers,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    string PolicyProfile,
    bool IsLargePlatform,
    PolicyRule Rule)
{
    /// <summary>The declared operator type (critical_infrastructure, state_body, other); absent until declared.</summary>
    public string? OperatorType { get; init; }
}

public sealed class PlatformProfileFunctions(PlatformProfileService platform, IPolicyProfileProvider profiles)
{
    [Function("PlatformProfileGet")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read the platform's size", Description = "And whether it counts as a large platform under the active policy profile.")]
    [OpenApiResponse(200, typeof(PlatformProfileView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "platform/profile")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(View(await platform.GetAsync(cancellationToken)));

    [Function("PlatformProfilePut")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Set the platform's size", Description = "Optionally also its operator type (`critical_infrastructure`, `state_body`, `other`), which decides incident-reporting deadlines; without it the declared type stays.")]
    [OpenApiBody(typeof(PlatformSizeRequest))]
    [OpenApiResponse(200, typeof(PlatformProfileView))]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "platform/profile")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var size = await RequestBody.ReadJsonAsync<PlatformSizeRequest>(req, 4 * 1024, cancellationToken);
        var stored = await platform.PutAsync(size, req.Caller(), cancellationToken);
        return new OkObjectResult(View(stored));
    }

    private PlatformProfileView View(PlatformProfile stored)
    {
        var profile = profiles.Current;
        return new PlatformProfileView(
            stored.Size.DailyActiveUsers,
            stored.Size.MonthlyActiveUsers,
            stored.Size.RegisteredUsers,
            stored.UpdatedAt,
            stored.UpdatedBy,
            profile.Id,
            stored.Size.IsLargePlatform(profile.Thresholds.LargePlatform),
            profile.Rule(PolicyRuleIds.PlatformLargePlatform))
        {
            OperatorType = stored.OperatorType,
        };
    }
}
