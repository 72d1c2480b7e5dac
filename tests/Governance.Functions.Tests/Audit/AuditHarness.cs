using System.Collections.Concurrent;
using Governance.Core.Audit;
using Governance.Core.Storage;
using Governance.Core.Tests.Fakes;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Audit;

/// <summary>The audit log and its verifications over tables of their own in Azurite, wired as <c>AddAuditLog</c> wires them.</summary>
internal sealed class AuditHarness
{
    public AuditHarness(AzuriteTables tables, IAuditAnchorStore anchors, TimeProvider time, int shards = 1, int verifyMaxEntries = 5_000, int sliceEntries = 20_000, ConcurrencyOptions? concurrency = null)
    {
        var options = Options.Create(new AuditOptions { ChainShards = shards, VerifyMaxEntriesPerRequest = verifyMaxEntries, FullVerificationSliceEntries = sliceEntries });
        // The conflict policy waits on the real clock: a fake clock that tests move by hand would never end its waits.
        var retry = new ConflictRetry(Options.Create(concurrency ?? new ConcurrencyOptions()), TimeProvider.System, NullLogger<ConflictRetry>.Instance);
        Store = new AuditStore(tables.Service, time);
        Verifier = new AuditVerifier(Store, anchors, options, NullLogger<AuditVerifier>.Instance);
        Full = new AuditFullVerification(Store, anchors, Queue, options, time, NullLogger<AuditFullVerification>.Instance);
        Log = new AuditLog(Store, new AuditQueries(Store), Verifier, Full, Profiles.Provider(), retry, options, time, NullLogger<AuditLog>.Instance);
        Anchors = new AuditAnchorWriter(Log, anchors, time, NullLogger<AuditAnchorWriter>.Instance);
    }

    public AuditStore Store { get; }

    public AuditVerifier Verifier { get; }

    public AuditFullVerification Full { get; }

    public AuditLog Log { get; }

    public AuditAnchorWriter Anchors { get; }

    public RecordingVerificationQueue Queue { get; } = new();

    /// <summary>Appends <paramref name="count"/> entries in turn to the duties claims, apps and disclosures, seven resources each.</summary>
    public async Task<List<AuditEntry>> AppendSpreadAsync(int count, string prefix = "")
    {
        var duties = new[] { "claims", "apps", "disclosures" };
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await Log.AppendAsync(new AuditRecord(AuditActor.System("test"), "test.happened", $"{duties[i % 3]}/{prefix}r-{i % 7}", "succeeded")));
        }

        return entries;
    }

    /// <summary>Starts a full re-verification and delivers its queue messages until it completes.</summary>
    public async Task<AuditFullVerificationStatus> RunFullVerificationAsync()
    {
        await Full.StartAsync("auditor-1");
        while (Queue.Messages.TryDequeue(out var message))
        {
            await Full.RunSliceAsync(message.JobId);
        }

        return (await Full.GetStatusAsync())!;
    }
}

internal sealed class RecordingVerificationQueue : IAuditVerificationQueue
{
    public ConcurrentQueue<AuditVerificationMessage> Messages { get; } = new();

    public Task EnqueueAsync(AuditVerificationMessage message, CancellationToken cancellationToken = default)
    {
        Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
