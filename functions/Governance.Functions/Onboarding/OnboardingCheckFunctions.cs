using Governance.Core.Onboarding.Requests;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Onboarding;

public sealed class OnboardingCheckFunctions(OnboardingChecker checker, OnboardingRecheck recheck)
{
    /// <summary>Checks one request; a failure is recorded and rethrown, so the host retries it and finally moves it to the poison queue.</summary>
    [Function("CheckOnboardingRequest")]
    public async Task Check(
        [QueueTrigger("%OnboardingQueue%", Connection = "AzureWebJobsStorage")] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        // A message that names no request cannot succeed however often it is retried: after the host's retries it
        // moves to the poison queue, whose trigger logs its text as an error for an operator.
        var requestId = OnboardingCheckMessage.RequestIdOf(message)
            ?? throw new InvalidOperationException("The onboarding queue message does not name a request.");
        await checker.CheckAsync(requestId, dequeueCount, cancellationToken);
    }

    /// <summary>The host gave up on a message: its request shows <c>error</c>, with the reason its last attempt recorded.</summary>
    [Function("OnboardingCheckPoisoned")]
    public Task Poisoned(
        [QueueTrigger("%OnboardingQueue%-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
        => checker.MarkPoisonedAsync(message, cancellationToken);

    /// <summary>Re-checks onboarded apps after a clause-library change and flags those whose re-assessment is due.</summary>
    [Function("OnboardingRecheck")]
    public Task Recheck([TimerTrigger("%OnboardingRecheckSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => recheck.RunAsync(cancellationToken);
}
