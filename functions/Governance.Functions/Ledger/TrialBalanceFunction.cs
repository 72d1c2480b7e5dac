using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Ledger;

public sealed class TrialBalanceFunction(ILedger ledger)
{
    [Function("TrialBalance")]
    [Access(Callers.Staff, Roles = [StaffRoles.Auditor])]
    [OpenApiOperation("Trial balance of the ledger", Description = "Totals per account and per currency; debits equal credits.")]
    [OpenApiResponse(200, typeof(TrialBalance))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ledger/trial-balance")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(await ledger.GetTrialBalanceAsync(cancellationToken));
}
