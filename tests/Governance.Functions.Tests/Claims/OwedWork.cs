using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Claims;

/// <summary>
/// An aggregate store like the host's (same tables, outbox and clock), whose inline relay runs follow-ups with the
/// given handlers in place of the host's handlers of the same type: a test makes one fail or "crash" right after its
/// effect. What does not complete stays owed in the outbox, where the host's relay (nudge, timer sweep) finishes it.
/// </summary>
internal static class OwedWork
{
    public static AggregateStore<TState> StoreWith<TState>(GovernanceHostFixture fixture, params IFollowUpHandler[] replacements)
        where TState : class
    {
        var services = fixture.Services;
        var handlers = replacements.Concat(services.GetServices<IFollowUpHandler>().Where(h => replacements.All(r => r.Type != h.Type)));
        var relay = new OutboxRelay(services.GetRequiredService<IOutboxStore>(), services.GetRequiredService<IEventPublisher>(), new FollowUpDispatcher(handlers),
            fixture.Clock, services.GetRequiredService<IOptions<EventsOptions>>(), NullLogger<OutboxRelay>.Instance);
        return new AggregateStore<TState>(services.GetRequiredService<AggregateMap<TState>>(), services.GetRequiredService<TableServiceClient>(),
            services.GetRequiredService<IEventOutbox>(), relay, services.GetRequiredService<ConflictRetry>(), NullLogger<AggregateStore<TState>>.Instance);
    }

    /// <summary>The host's handler of <paramref name="type"/>.</summary>
    public static IFollowUpHandler Handler(GovernanceHostFixture fixture, string type)
        => fixture.Services.GetServices<IFollowUpHandler>().Single(h => h.Type == type);

    /// <summary>Lets the backoff of a failed follow-up pass on the app's clock, then runs the host's relay sweep.</summary>
    public static async Task RelayAgainAsync(GovernanceHostFixture fixture, ClaimsDriver driver)
    {
        fixture.Clock.Advance(fixture.Services.GetRequiredService<IOptions<EventsOptions>>().Value.Relay.BackoffBase + TimeSpan.FromSeconds(1));
        await driver.RunFunctionAsync("OutboxRelaySweep");
    }
}

/// <summary>A follow-up handler that fails its first run (after the real handler's effect: a crash; or before it: an outage) and then runs the real one.</summary>
internal sealed class FailingHandler(IFollowUpHandler inner, bool afterEffect) : IFollowUpHandler
{
    private int _failed;

    public string Type => inner.Type;

    /// <summary>How many runs failed (one at most).</summary>
    public int Failed => Volatile.Read(ref _failed);

    public Func<FollowUp, bool> Applies { get; init; } = _ => true;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var fail = Applies(followUp) && Interlocked.CompareExchange(ref _failed, 1, 0) == 0;
        if (fail && !afterEffect)
        {
            throw new SimulatedCrashException();
        }

        await inner.RunAsync(followUp, cancellationToken);
        if (fail)
        {
            throw new SimulatedCrashException();
        }
    }
}

/// <summary>Keeps the processing message from the host's processor (the test processes the claim itself).</summary>
internal sealed class HeldQueue : IFollowUpHandler
{
    public string Type => QueueFollowUp.Type;

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class SimulatedCrashException() : Exception("Simulated crash.");
