using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Claims;

public sealed class ProcessClaimFunction(ClaimProcessor processor, ILogger<ProcessClaimFunction> logger)
{
    [Function("ProcessClaim")]
    public async Task Run(
        [QueueTrigger("%ClaimsQueue%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        ClaimMessage? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ClaimMessage>(message, GovernanceJson.Options);
        }
        catch (JsonException ex)
        {
            // Thrown on purpose: after the host's retries the message rests in the poison queue for an operator.
            throw new InvalidOperationException("The claims queue message is not a claim message.", ex);
        }

        if (parsed?.ClaimId is not { } claimId || !ClaimKeys.IsClaimId(claimId))
        {
            throw new InvalidOperationException("The claims queue message has no valid claimId.");
        }

        logger.LogDebug("Processing claim {ClaimId}.", claimId);
        await processor.ProcessAsync(claimId, cancellationToken);
    }
}
