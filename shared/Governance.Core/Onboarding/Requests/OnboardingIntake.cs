using System.Text;
using Governance.Core.Aggregates;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;
using Microsoft.Extensions.Options;

namespace Governance.Core.Onboarding.Requests;

/// <summary>A submission as the HTTP edge read it from the multipart body: the manifest's bytes, the contract's bytes, its file name (a hint), the request it resubmits.</summary>
public sealed record OnboardingSubmission(byte[] Manifest, byte[] Contract, string? FileName, string? PreviousRequestId);

/// <summary>A submission that passed the checks made at the door, ready to be stored.</summary>
public sealed record AcceptedSubmission(OnboardingManifest Manifest, byte[] Contract, string? FileName, ContractFormat Format, OnboardingRequest? Previous);

/// <summary>
/// <c>POST /api/onboarding/requests</c> behind the HTTP edge. What is refused at the door is what the bytes show at
/// once: a manifest that is not valid (400 naming each field), a missing or empty contract (400), one over the size
/// cap (413), a contract whose first bytes are not PDF, DOCX or UTF-8 text whatever its name says (415: an image,
/// another zip, a legacy or encrypted Office file, binary data), a <c>previousRequestId</c> that is not one of the
/// developer's requests (400). Everything that needs the file parsed (encrypted, corrupt or image-only PDF, a zip
/// bomb, garbled or empty text) is left to the queued check, which answers <c>changes_requested</c> with the finding
/// "contract text could not be read". An accepted submission stores the contract (content-addressed) and creates the
/// request, whose creation owes the queue message of its check; the request id is derived from the operation id, so a
/// retried submission under the same <c>Idempotency-Key</c> finds the request the first one created.
/// </summary>
public sealed class OnboardingIntake(
    AggregateStore<OnboardingRequest> store,
    ContractStore contracts,
    IPolicyProfileProvider profiles,
    IOptions<OnboardingOptions> options,
    TimeProvider time)
{
    /// <summary>The largest manifest accepted, in bytes.</summary>
    public const int MaxManifestBytes = 64 * 1024;

    public const int MaxFileNameLength = 200;

    public long MaxContractBytes => options.Value.Extraction.MaxFileBytes;

    /// <summary>Checks a submission of <paramref name="developerId"/>; throws the problem that refuses it.</summary>
    public async Task<AcceptedSubmission> AcceptAsync(OnboardingSubmission submission, string developerId, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var manifest = ParseManifest(submission.Manifest, errors);
        if (submission.Contract.Length == 0)
        {
            errors.Add("contract", "is empty; attach the contract as PDF, DOCX, TXT or Markdown.");
        }

        var previous = await PreviousAsync(submission.PreviousRequestId, developerId, errors, cancellationToken);
        errors.ThrowIfAny();
        if (submission.Contract.LongLength > MaxContractBytes)
        {
            throw GovernanceProblem.PayloadTooLarge(MaxContractBytes);
        }

        var (format, failure) = ContractTextExtractor.Sniff(submission.Contract, submission.FileName);
        if (failure is not null)
        {
            throw new GovernanceProblem(415, "Unsupported Media Type", failure.Reason, new Dictionary<string, string[]> { ["contract"] = [failure.Reason] });
        }

        return new AcceptedSubmission(manifest!, submission.Contract, submission.FileName, format!.Value, previous);
    }

    /// <summary>Stores an accepted submission as operation <paramref name="operationId"/>; returns the request (the existing one for a retried operation).</summary>
    public async Task<OnboardingRequest> SubmitAsync(AcceptedSubmission submission, string developerId, string operationId, CancellationToken cancellationToken = default)
    {
        var requestId = OnboardingIds.RequestIdFor(operationId);
        if (await store.FindAsync(requestId, cancellationToken) is { } existing)
        {
            return existing.State;
        }

        // The contract first: a crash after it leaves an unreferenced blob, never a request without its contract.
        var sha256 = await contracts.PutAsync(submission.Contract, cancellationToken);
        var contract = new StoredContract(sha256, submission.FileName, submission.Contract.LongLength, submission.Format.ToString().ToLowerInvariant());
        var appId = submission.Previous?.AppId ?? OnboardingIds.AppIdFor(requestId);
        var change = OnboardingRequest.Submit(requestId, developerId, submission.Manifest, contract, appId, submission.Previous?.RequestId,
            profiles.Current.Id, time.GetUtcNow());
        return (await store.CreateAsync(requestId, change, cancellationToken)).State;
    }

    private static OnboardingManifest? ParseManifest(byte[] bytes, ValidationErrors errors)
    {
        if (bytes.Length == 0)
        {
            errors.Add("manifest", "is empty; a JSON document is required.");
            return null;
        }

        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            errors.Add("manifest", "is not UTF-8 text.");
            return null;
        }

        return ManifestValidator.Parse(json, errors);
    }

    private async Task<OnboardingRequest?> PreviousAsync(string? previousRequestId, string developerId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (previousRequestId is null)
        {
            return null;
        }

        // The same answer for a foreign request as for none, so ids of other developers' requests cannot be probed.
        if (OnboardingIds.IsRequestId(previousRequestId)
            && await store.FindAsync(previousRequestId, cancellationToken) is { } previous
            && previous.State.DeveloperId == developerId)
        {
            return previous.State;
        }

        errors.Add("previousRequestId", "is not one of your onboarding requests.");
        return null;
    }
}
