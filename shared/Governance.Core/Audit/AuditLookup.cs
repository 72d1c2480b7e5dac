namespace Governance.Core.Audit;

/// <summary>
/// Looks up whether the log already has an entry, so that a write re-run after a failure appends its audit
/// entry only when the first attempt did not. Only recovery paths use it: it pages through the resource's entries.
/// </summary>
public static class AuditLookup
{
    private const int PageSize = 1000;

    /// <summary>True when the log has an entry for <paramref name="resource"/> with <paramref name="action"/>.</summary>
    public static async Task<bool> HasEntryAsync(this IAuditLog log, string resource, string action, CancellationToken cancellationToken = default)
    {
        string? continuation = null;
        do
        {
            var page = await log.QueryAsync(new AuditQuery(null, null, resource, continuation, PageSize), cancellationToken);
            if (page.Entries.Any(e => string.Equals(e.Action, action, StringComparison.Ordinal)))
            {
                return true;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return false;
    }

    /// <summary>Appends <paramref name="record"/> unless the log already has an entry for its resource and action.</summary>
    public static async Task AppendIfMissingAsync(this IAuditLog log, AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (!await log.HasEntryAsync(record.Resource, record.Action, cancellationToken))
        {
            await log.AppendAsync(record, cancellationToken);
        }
    }
}
