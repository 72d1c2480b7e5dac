using Azure.Storage.Blobs;
using Governance.Core.Policies;
using Governance.Core.Pricing.Statistics;
using Governance.Core.Storage;

namespace Governance.Core.Pricing.Scanning;

/// <summary>
/// Controls the false-discovery rate over all tests of a scan, although its shards ran apart: merges the shards'
/// tests from the largest p-value down (a k-way merge holding one record per shard), feeds them to the
/// Benjamini–Hochberg step-up, and keeps the candidates whose adjusted p-value is at most the profile's q.
/// Memory is flat in the number of tests; only findings are held. Deterministic, so it may run again.
/// </summary>
public sealed class ScanFinalizer(BlobServiceClient blobs, IPolicyProfileProvider profiles)
{
    private readonly BlobContainerClient _results = blobs.GetBlobContainerClient(ContainerNames.PricingScanResults);

    public Task<ScanOutcome> FinalizeAsync(string scanId, IReadOnlyList<int> shards, CancellationToken cancellationToken = default)
    {
        var profile = profiles.Current;
        return FinalizeAsync(scanId, shards, profile.Pricing, profile.Pricing.LegalBasis.Select(profile.Rule).ToList(), cancellationToken);
    }

    /// <summary>Finalizes with the thresholds and legal basis the scan decided on when it started.</summary>
    public async Task<ScanOutcome> FinalizeAsync(string scanId, IReadOnlyList<int> shards, PricingPolicy policy, IReadOnlyList<PolicyRule> legalBasis, CancellationToken cancellationToken = default)
    {
        ScanIds.Validate(scanId);
        var streams = new List<Stream>();
        try
        {
            foreach (var shard in shards.Distinct())
            {
                streams.Add(await _results.GetBlobClient(ScanIds.ResultBlob(scanId, shard)).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            streams.ForEach(s => s.Dispose());
            throw;
        }

        return Merge(scanId, streams, policy, legalBasis);
    }

    /// <summary>Merges shard results given as streams (each read once, sequentially; disposed here).</summary>
    public static ScanOutcome Merge(string scanId, IEnumerable<Stream> shardResults, PolicyProfile profile)
        => Merge(scanId, shardResults, profile.Pricing, profile.Pricing.LegalBasis.Select(profile.Rule).ToList());

    public static ScanOutcome Merge(string scanId, IEnumerable<Stream> shardResults, PricingPolicy policy, IReadOnlyList<PolicyRule> legalBasis)
    {
        var readers = shardResults.Select(s => new ShardResultFile.Reader(s)).ToList();
        try
        {
            readers.ForEach(r => r.ReadHeader());
            return Merge(scanId, readers, policy, legalBasis);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static ScanOutcome Merge(string scanId, IReadOnlyList<ShardResultFile.Reader> readers, PricingPolicy policy, IReadOnlyList<PolicyRule> legalBasis)
    {
        var total = readers.Sum(r => r.Counts.Tests);
        var stepUp = new BenjaminiHochberg.StepUp(total);
        var queue = new PriorityQueue<ShardResultFile.Reader, (double NegativeP, int Shard)>();
        foreach (var reader in readers.Where(r => r.Next()))
        {
            queue.Enqueue(reader, (-reader.PValue, reader.Shard));
        }

        var findings = new List<PricingFinding>();
        while (queue.TryDequeue(out var reader, out _))
        {
            var adjusted = stepUp.Next(reader.PValue);
            if (reader.Candidate is { } candidate && adjusted <= policy.FalseDiscoveryRate
                && Math.Abs(candidate.RelativeDifference) >= policy.MinRelativeDifference
                && candidate.Cohort.N >= policy.MinObservationsPerCohort && candidate.Rest.N >= policy.MinObservationsPerCohort)
            {
                findings.Add(PricingFinding.From(scanId, candidate, adjusted, legalBasis));
            }

            if (reader.Next())
            {
                queue.Enqueue(reader, (-reader.PValue, reader.Shard));
            }
        }

        findings.Sort((a, b) => Math.Abs(b.RelativeDifference).CompareTo(Math.Abs(a.RelativeDifference)) is var c && c != 0 ? c : string.CompareOrdinal(a.FindingId, b.FindingId));
        var summary = new ScanSummary(readers.Sum(r => r.Counts.Observations), readers.Sum(r => r.Counts.Cells), total, findings.Count);
        return new ScanOutcome(summary, findings);
    }
}
