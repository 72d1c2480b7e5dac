using Governance.Core.Aggregates;
using Governance.Core.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// The queue-triggered check of one request (never run inside the HTTP request):
/// <c>pending → checking</c>, read the stored contract, <see cref="ContractCheck.Run"/> under the configured
/// extraction limits, then <c>checking → approved | changes_requested | rejected</c>.
/// <para>
/// Idempotent per request: a message for a request that is decided (or failed) does nothing, and the conclusion is
/// conditioned on the request still being <c>checking</c> (ETag-guarded), so a redelivered or concurrent message never
/// decides twice. An approval is recorded first, then the app is registered (once, under operation id = request
/// id), then the decision commits with its event and webhook: a crash in between is finished by the redelivered
/// message with the recorded result, never with a second check that could decide otherwise.
/// </para>
/// <para>
/// A failed attempt records its reason on the request and rethrows, so the host retries the message; after its last
/// attempt the host moves it to <c>onboarding-checks-poison</c>, whose trigger calls <see cref="MarkPoisonedAsync"/>:
/// the request shows <c>error</c> with the recorded reason. That trigger, not "the last attempt marks it", is what
/// guarantees no request stays <c>checking</c>: it also covers an attempt that never got to record anything (the
/// worker killed by a time-out or out of memory).
/// </para>
/// </summary>
public sealed class OnboardingChecker(
    AggregateStore<OnboardingRequest> store,
    ContractStore contracts,
    OnboardingApps apps,
    IPolicyProfileProvider profiles,
    IOptions<OnboardingOptions> options,
    TimeProvider time,
    ILogger<OnboardingChecker> logger)
{
    public async Task CheckAsync(string requestId, long attempt, CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync(requestId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(requestId, ex, attempt);
            throw;
        }
    }

    /// <summary>The request of a message the host gave up on shows <c>error</c> with what is known about why.</summary>
    public async Task MarkPoisonedAsync(string messageText, CancellationToken cancellationToken = default)
    {
        if (OnboardingCheckMessage.RequestIdOf(messageText) is not { } requestId)
        {
            logger.LogError("A poisoned onboarding message names no request; it stays in the poison queue: {Message}", OnboardingRequest.Truncate(messageText, 200));
            return;
        }

        if (await store.FindAsync(requestId, cancellationToken) is null)
        {
            logger.LogError("A poisoned onboarding message names request {RequestId}, which does not exist.", requestId);
            return;
        }

        await store.UpdateAsync(requestId, r => r.Fail(PoisonReason(r), time.GetUtcNow()), () => NotFound(requestId), cancellationToken);
    }

    private async Task RunAsync(string requestId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } stored)
        {
            logger.LogWarning("Onboarding check for request {RequestId}, which does not exist: nothing to do.", requestId);
            return;
        }

        if (!OnboardingStatuses.IsOpen(stored.State.Status))
        {
            return; // decided or failed already: a redelivered message never decides twice
        }

        var request = (await store.UpdateAsync(requestId, r => r.Start(time.GetUtcNow()), () => NotFound(requestId), cancellationToken)).State;
        if (request.Status != OnboardingStatuses.Checking)
        {
            return;
        }

        var check = request.Check ?? await RunCheckAsync(request, cancellationToken);
        if (check.Outcome == OnboardingOutcome.Approved)
        {
            if (request.Check is null)
            {
                request = (await store.UpdateAsync(requestId, r => r.RecordCheck(check, time.GetUtcNow()), () => NotFound(requestId), cancellationToken)).State;
                if (request.Status != OnboardingStatuses.Checking)
                {
                    return;
                }

                check = request.Check ?? check;
            }

            await apps.EnsureAsync(request, OnboardingRequest.CheckActor, cancellationToken);
        }

        await store.UpdateAsync(requestId, r => r.Conclude(check, time.GetUtcNow()), () => NotFound(requestId), cancellationToken);
    }

    private async Task<OnboardingCheck> RunCheckAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        var bytes = await contracts.GetAsync(request.Contract.Sha256, cancellationToken);
        var profile = profiles.Current;
        var result = ContractCheck.Run(bytes, request.Contract.FileName, request.Manifest, profile, options.Value.Extraction, cancellationToken);
        logger.LogInformation("Onboarding request {RequestId}: {Outcome} in {Elapsed} ms ({Pages} pages, {Failure}).",
            request.RequestId, result.Decision.Outcome, (long)result.Elapsed.TotalMilliseconds, result.PageCount, result.ExtractionFailure?.Code ?? "text read");
        return new OnboardingCheck(result.Decision.Outcome, result.Decision.Findings, result.ProfileId, result.ClauseLibraryVersion, result.PageCount,
            result.ExtractionFailure?.Code, time.GetUtcNow());
    }

    /// <summary>Best effort: if even this write fails, the poison trigger still marks the request, with a less specific reason.</summary>
    private async Task RecordFailureAsync(string requestId, Exception failure, long attempt)
    {
        var reason = $"{failure.GetType().Name}: {FirstLine(failure.Message)}";
        logger.LogError(failure, "Onboarding check of request {RequestId} failed (attempt {Attempt}).", requestId, attempt);
        try
        {
            if (await store.FindAsync(requestId, CancellationToken.None) is not null)
            {
                await store.UpdateAsync(requestId, r => r.RecordFailure(reason, attempt, time.GetUtcNow()), () => NotFound(requestId), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The failure of request {RequestId}'s check could not be recorded.", requestId);
        }
    }

    private static string PoisonReason(OnboardingRequest request)
        => $"The contract check was attempted {Math.Max(request.FailedAttempts, 1)} time(s) without completing and was stopped; its message is in the poison queue. "
            + $"Last failure: {request.LastFailure ?? "none recorded (the worker stopped during the check, e.g. out of time or memory)"}. "
            + $"Fix the cause and ask the developer to submit again, or decide the request with POST /api/onboarding/requests/{request.RequestId}/decision.";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return OnboardingRequest.Truncate(line, 500);
    }

    private static InvalidOperationException NotFound(string requestId) => new($"Onboarding request {requestId} disappeared.");
}
