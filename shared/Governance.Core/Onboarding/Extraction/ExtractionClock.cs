using System.Diagnostics;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// The wall-time limit of one extraction, checked by the readers between pages, zip entries and paragraphs.
/// It reads a stopwatch rather than waiting for a timer to cancel a token, so the limit holds even when the
/// thread pool is too busy to run timer callbacks; the caller's token is honoured at the same points.
/// </summary>
internal sealed class ExtractionClock(TimeSpan limit, CancellationToken ct)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public void ThrowIfExpired()
    {
        ct.ThrowIfCancellationRequested();
        if (_elapsed.Elapsed > limit)
        {
            throw new TimeoutException();
        }
    }
}
