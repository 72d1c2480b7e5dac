using System.Text.Json;
using Governance.Core.Events;

namespace Governance.Core.Tests.Events;

public sealed class DomainEventTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Create_serializes_data_with_the_app_json_conventions_and_normalizes_time_to_utc()
    {
        var domainEvent = DomainEvent.Create(EventTypes.DisclosurePublished, EventSources.Disclosures, "privacy-policy",
            new { Kind = "privacy-policy", Version = 3, Status = Sample.Effective }, Time, subject: "privacy-policy/versions/3");

        using var data = JsonDocument.Parse(domainEvent.Data);
        Assert.Equal("privacy-policy", data.RootElement.GetProperty("kind").GetString());
        Assert.Equal(3, data.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("effective", data.RootElement.GetProperty("status").GetString());
        Assert.Equal(TimeSpan.Zero, domainEvent.Time.Offset);
        Assert.Equal(Time, domainEvent.Time);
        Assert.True(Guid.TryParse(domainEvent.Id, out _));
    }

    [Fact]
    public void Every_event_type_is_namespaced_and_distinct()
    {
        Assert.Equal(8, EventTypes.All.Distinct().Count());
        Assert.All(EventTypes.All, t => Assert.StartsWith("governance.", t, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("governance.unknown", EventSources.Claims, "c1", "id")]
    [InlineData(EventTypes.AppSuspended, "/other/apps", "c1", "id")]
    [InlineData(EventTypes.AppSuspended, "/governance/", "c1", "id")]
    [InlineData(EventTypes.AppSuspended, EventSources.Apps, "", "id")]
    [InlineData(EventTypes.AppSuspended, EventSources.Apps, "c1", " ")]
    [InlineData(EventTypes.AppSuspended, EventSources.Apps, "c1", "bad\nid")]
    public void Create_refuses_events_that_could_not_be_published(string type, string source, string aggregateId, string id)
    {
        Assert.Throws<ArgumentException>(() => DomainEvent.Create(type, source, aggregateId, new { }, Time, id: id));
    }

    [Fact]
    public void Ids_longer_than_a_service_bus_message_id_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            DomainEvent.Create(EventTypes.AppSuspended, EventSources.Apps, "a", new { }, Time, id: new string('x', DomainEvent.MaxIdLength + 1)));
        Assert.NotNull(DomainEvent.Create(EventTypes.AppSuspended, EventSources.Apps, "a", new { }, Time, id: new string('x', DomainEvent.MaxIdLength)));
    }

    [Fact]
    public void Data_must_be_json()
    {
        var domainEvent = DomainEvent.Create(EventTypes.AppSuspended, EventSources.Apps, "a", new { }, Time) with { Data = BinaryData.FromString("not json") };

        Assert.Throws<ArgumentException>(domainEvent.Validate);
    }

    private enum Sample
    {
        Effective,
    }
}
