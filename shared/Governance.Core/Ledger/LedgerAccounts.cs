namespace Governance.Core.Ledger;

/// <summary>
/// The chart of accounts for advance compensation. The first four names are fixed by the claims contract;
/// cash and write-off accounts settle them.
/// </summary>
public static class LedgerAccounts
{
    /// <summary>What the platform spends on advance compensation (debited on approval).</summary>
    public const string AdvanceCompensationExpense = "advance_compensation_expense";

    /// <summary>What the platform expects to recover from the apps (credited on approval).</summary>
    public const string AdvanceCompensationRecovery = "advance_compensation_recovery";

    /// <summary>Money paid out to users or received from apps.</summary>
    public const string PlatformCash = "platform_cash";

    /// <summary>Recourse given up: the receivable written off.</summary>
    public const string RecourseWriteOffExpense = "recourse_write_off_expense";

    /// <summary>Owed to a user until the payout is confirmed.</summary>
    public static string UserPayable(string userId) => "payable:user:" + userId;

    /// <summary>Owed by an app until it pays or the claim is written off.</summary>
    public static string RecourseReceivable(string appId) => "recourse_receivable:app:" + appId;

    /// <summary>Received from an app beyond what its open claims needed; held for it.</summary>
    public static string RecourseUnallocated(string appId) => "recourse_unallocated:app:" + appId;

    /// <summary>
    /// The control account a subsidiary account rolls up into in the trial balance: <c>payable:user:{id}</c> into
    /// <c>payable:user</c>, <c>recourse_receivable:app:{id}</c> into <c>recourse_receivable:app</c>, and so on
    /// (<c>{name}:{kind}:{id}</c> into <c>{name}:{kind}</c>). Any other account is its own.
    /// </summary>
    public static string ControlOf(string account)
    {
        var first = account.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : account.IndexOf(':', first + 1);
        return second < 0 ? account : account[..second];
    }

    /// <summary>Whether <paramref name="account"/> is a subsidiary account (one per user or app) of a control account.</summary>
    public static bool IsSubsidiary(string account) => ControlOf(account).Length != account.Length;
}
