using Azure;
using Azure.Storage.Blobs.Models;
using Governance.Core.Pricing.Observations;
using Governance.Core.Storage;

namespace Governance.Core.Pricing.Segments;

/// <summary>What appending one (day, shard) group did: rows written now, and rows already stored before.</summary>
public readonly record struct SegmentAppend(int Stored, int AlreadyStored);

/// <summary>
/// Appends observations of one (day, shard) as a segment, storing each observation id once.
/// <para>
/// Order of writes and crash reasoning: (1) read the id log and drop ids another segment claimed; (2) write the
/// segment, named by the hash of its rows, create-only (<c>If-None-Match: *</c>); (3) claim its ids in the log.
/// A crash after (2) leaves an unclaimed segment whose rows are stored (the scan reads it): a retry of the same
/// request makes the same rows, finds the blob there and claims it. A crash never loses an accepted row, because
/// ids are claimed only after their segment exists. A retry after (3) recognises its own claim (the segment named
/// by the hash of "the group minus ids others claimed" claimed those ids) and writes nothing. If a concurrent request
/// claims some of the same ids between (1) and (3), the claim fails, the group is planned again and written as a
/// new segment; the first blob then holds rows stored twice, which the scan counts once (it deduplicates ids).
/// </para>
/// </summary>
public sealed class ObservationSegmentStore(ObservationLayout layout, ObservationIdIndex index, ConflictRetry retry)
{
    private const int MaxOwnersToRecognise = 8;

    public async Task<SegmentAppend> AppendAsync(DateOnly day, int shard, IReadOnlyList<PriceObservation> group, CancellationToken cancellationToken)
    {
        var sorted = group.OrderBy(o => o, SegmentRowOrder.Instance).ToArray();
        var ids = sorted.Select(o => ObservationHashes.IdHash(o.ObservationId)).ToArray();
        UInt128? written = null;

        // A lost claim (another request claimed some of the same ids meanwhile) plans the group again under the one
        // conflict policy; the segment already written for an unchanged plan is not written twice.
        return await retry.RunAsync(async (_, ct) =>
        {
            var (state, plan) = await index.ReadAsync(day, shard, s => Plan(s, sorted, ids), ct).ConfigureAwait(false);
            if (plan.Rows.Count == 0)
            {
                return new SegmentAppend(0, sorted.Length);
            }

            if (written != plan.Name)
            {
                await WriteSegmentAsync(day, shard, plan, ct).ConfigureAwait(false);
                written = plan.Name;
            }

            if (plan.ToClaim.Count == 0)
            {
                return new SegmentAppend(0, sorted.Length);
            }

            return await index.TryClaimAsync(state, plan.Name, plan.ToClaim, ct).ConfigureAwait(false)
                ? new SegmentAppend(plan.ToClaim.Count, sorted.Length - plan.ToClaim.Count)
                : throw new ConcurrencyConflictException($"The observation id log {ObservationPaths.IndexName(day, shard)}");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows to store: the group minus ids another segment claimed. When a segment already claimed some of the
    /// group's ids and its name is the hash of exactly those rows, this is a retry of the request that wrote it.
    /// </summary>
    private static SegmentPlan Plan(ObservationIdIndex.IndexState state, PriceObservation[] rows, ulong[] ids)
    {
        var owners = new int[rows.Length];
        var distinctOwners = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            owners[i] = state.Owners.TryGetValue(ids[i], out var owner) ? owner : -1;
            if (owners[i] >= 0 && !distinctOwners.Contains(owners[i]))
            {
                distinctOwners.Add(owners[i]);
            }
        }

        foreach (var owner in distinctOwners.Take(MaxOwnersToRecognise))
        {
            var candidate = Enumerable.Range(0, rows.Length).Where(i => owners[i] < 0 || owners[i] == owner).ToList();
            var name = ObservationHashes.ContentHash(candidate.Select(i => rows[i]));
            if (name == state.Segments[owner])
            {
                return new SegmentPlan(name, [.. candidate.Select(i => rows[i])], [.. candidate.Where(i => owners[i] < 0).Select(i => ids[i])]);
            }
        }

        var fresh = Enumerable.Range(0, rows.Length).Where(i => owners[i] < 0).ToList();
        var freshRows = fresh.Select(i => rows[i]).ToList();
        return new SegmentPlan(ObservationHashes.ContentHash(freshRows), freshRows, [.. fresh.Select(i => ids[i])]);
    }

    private async Task WriteSegmentAsync(DateOnly day, int shard, SegmentPlan plan, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await SegmentWriter.WriteAsync(plan.Rows, buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var blob = layout.Container.GetBlobClient(ObservationPaths.SegmentName(day, shard, plan.Name));
        try
        {
            await blob.UploadAsync(buffer, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Same name, same rows: an earlier attempt wrote it.
        }
    }

    private sealed record SegmentPlan(UInt128 Name, IReadOnlyList<PriceObservation> Rows, IReadOnlyList<ulong> ToClaim);
}

/// <summary>Rows inside a segment: by product, conditions, quantity, currency, then time and id, so cells are contiguous.</summary>
public sealed class SegmentRowOrder : IComparer<PriceObservation>
{
    public static readonly SegmentRowOrder Instance = new();

    public int Compare(PriceObservation? x, PriceObservation? y)
    {
        var c = string.CompareOrdinal(x!.ProductId, y!.ProductId);
        if (c == 0) c = string.CompareOrdinal(x.ConditionsKey, y.ConditionsKey);
        if (c == 0) c = x.Quantity.CompareTo(y.Quantity);
        if (c == 0) c = string.CompareOrdinal(x.Currency, y.Currency);
        if (c == 0) c = x.ObservedAt.CompareTo(y.ObservedAt);
        return c != 0 ? c : string.CompareOrdinal(x.ObservationId, y.ObservationId);
    }
}
