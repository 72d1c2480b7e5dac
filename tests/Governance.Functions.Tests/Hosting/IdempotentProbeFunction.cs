using System.Collections.Concurrent;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Tests.Hosting;

/// <summary>A write with a visible effect (a counter per name), made idempotent the way staff POSTs are.</summary>
public sealed class IdempotentProbeFunction(IdempotentPost idempotent)
{
    public static ConcurrentDictionary<string, int> Effects { get; } = new();

    [Function("ProbeIdempotentWrite")]
    [Access(Callers.Anonymous | Callers.Staff)]
    public async Task<IActionResult> Write(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probe/effects")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadBytesAsync(req, 1024, requireJson: true, cancellationToken);
        var item = RequestBody.ParseJson<ProbeItem>(body);
        return await idempotent.ExecuteAsync(req, "probe", body, async (_, ct) =>
        {
            await Task.Delay(50, ct);
            var count = Effects.AddOrUpdate(item.Name, 1, (_, n) => n + 1);
            return ApiResponse.Created(new { item.Name, count });
        }, cancellationToken);
    }
}
