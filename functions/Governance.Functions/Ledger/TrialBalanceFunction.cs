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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ledger/trial-balance")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var balance = await ledger.GetTrialBalanceAsync(cancellationToken);
        return new OkObjectResult(new { balanced = balance.Balanced, postings = balance.Postings, totals = balance.Totals, accounts = balance.Accounts });
    }
}
