using System.Globalization;
using Governance.Functions.Hosting;
using Governance.LocalHost.Invocation;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Governance.LocalHost.Timers;

/// <summary>
/// Fires one timer function on its schedule: a 6-field NCRONTAB expression (with seconds) or, as the
/// Functions host also accepts, a TimeSpan interval. Runs once at start when <c>RunOnStartup</c> is set.
/// Schedules follow the wall clock (UTC), not the app's injectable TimeProvider.
/// </summary>
public sealed class TimerFunctionScheduler(
    FunctionDescriptor function,
    string schedule,
    IServiceScopeFactory scopes,
    FunctionInvoker invoker,
    ILogger<TimerFunctionScheduler> logger) : BackgroundService
{
    private readonly Func<DateTime, DateTime> _next = Parse(schedule);
    private DateTime? _last;

    public static Func<DateTime, DateTime> Parse(string schedule)
    {
        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return from => from + interval;
        }

        var cron = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException($"'{schedule}' is not a 6-field NCRONTAB expression (second minute hour day month weekday) nor a TimeSpan.");
        return cron.GetNextOccurrence;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (function.RunOnStartup)
        {
            await FireAsync(DateTime.UtcNow, isPastDue: false, stoppingToken);
        }

        var lastDue = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A delay can end a little early; counting from the last due time keeps one run per occurrence.
            var now = DateTime.UtcNow;
            var due = _next(now < lastDue ? lastDue : now);
            lastDue = due;
            try
            {
                await Task.Delay(due - now, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(due, isPastDue: DateTime.UtcNow - due > TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    /// <summary>Runs the function once on the schedule; a failure is logged and the schedule goes on, as on the host.</summary>
    private async Task FireAsync(DateTime occurrence, bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(isPastDue, cancellationToken, occurrence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Timer function {Function} failed; the next run is still scheduled.", function.Name);
        }
    }

    /// <summary>
    /// Runs the function once for <paramref name="occurrence"/> (now, when the admin endpoint asks) and throws
    /// when it fails. The schedule status counts from the occurrence, not the clock, which may be a little early.
    /// </summary>
    public async Task RunAsync(bool isPastDue, CancellationToken cancellationToken, DateTime? occurrence = null)
    {
        var due = occurrence ?? DateTime.UtcNow;
        var info = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus { Last = _last ?? due, Next = _next(due), LastUpdated = DateTime.UtcNow },
        };
        _last = due;
        await using var scope = scopes.CreateAsyncScope();
        await invoker.InvokeAsync(
            function,
            scope.ServiceProvider,
            parameter => new ValueTask<object?>(
                parameter.ParameterType == typeof(TimerInfo) ? info
                : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
                : throw ParameterBinding.Unbindable(parameter)),
            $"timer '{schedule}'");
    }
}
