using Governance.Core.Events;
using Governance.Core.Timeline;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Timeline;

[Collection(GovernanceHostCollection.Name)]
public sealed class TimelineTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Facts_recorded_as_follow_ups_are_read_back_by_kind_and_period_oldest_first_across_days()
    {
        var handler = fixture.Services.GetServices<IFollowUpHandler>().Single(h => h.Type == "index");
        var kind = "test." + Guid.NewGuid().ToString("N")[..8];
        var start = new DateTimeOffset(2031, 5, 30, 23, 0, 0, TimeSpan.Zero);
        var facts = new[] { start.AddHours(2), start, start.AddHours(30), start.AddDays(5) };
        foreach (var (at, i) in facts.Select((at, i) => (at, i)))
        {
            await handler.RunAsync(TimelineFollowUp.Of(kind, "fact-" + i, at, new { n = i }));
            await handler.RunAsync(TimelineFollowUp.Of(kind, "fact-" + i, at, new { n = i })); // recorded again: same row
        }

        var read = await fixture.Services.GetRequiredService<TimelineReader>().ReadAsync(kind, start, start.AddDays(2)).ToListAsync();

        Assert.Equal(["fact-1", "fact-0", "fact-2"], read.Select(e => e.Id));
        Assert.Equal([1, 0, 2], read.Select(e => e.Summary.GetProperty("n").GetInt32()));
        Assert.Equal(start, read[0].At);
    }
}
