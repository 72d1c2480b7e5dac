using Governance.Core.Events;

namespace Governance.Core.Ledger;

/// <summary>A ledger posting a change owes, posted by the relay after the commit, once (its id is the posting id).</summary>
public static class LedgerFollowUp
{
    public const string Type = "ledger";

    public static FollowUp Of(LedgerPosting posting) => FollowUp.Create(Type, posting.PostingId, posting);
}

public sealed class LedgerFollowUpHandler(ILedger ledger) : IFollowUpHandler
{
    public string Type => LedgerFollowUp.Type;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var posting = followUp.Read<LedgerPosting>();
        if (!string.Equals(posting.PostingId, followUp.Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Ledger follow-up '{followUp.Id}' carries posting '{posting.PostingId}'.");
        }

        await ledger.PostAsync(posting, cancellationToken);
    }
}
