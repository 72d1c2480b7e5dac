using System.Text.Json;
using Governance.Core.Storage;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureEventTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Publishing_announces_the_version_once_as_a_cloud_event_on_the_events_queue()
    {
        const string kind = "platform-rules";
        var api = new DisclosureApi(fixture);
        var published = await api.PublishNewAsync(kind, $"# Rules\n\nMarker {Guid.NewGuid():N}\n", api.AfterNotice);
        var version = published.GetProperty("version").GetInt32();
        var queue = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, "EventsQueue"));
        var id = $"disclosure-{kind}-v{version}";

        var events = await EventsQueueReader.CollectAsync(queue, e => e.Id == id, received => received.Count >= 1, TimeSpan.FromSeconds(30));

        var cloudEvent = Assert.Single(events);
        Assert.Equal("governance.disclosure.published", cloudEvent.Type);
        Assert.Equal("/governance/disclosures", cloudEvent.Source);
        Assert.Equal($"{kind}/versions/{version}", cloudEvent.Subject);
        using var data = JsonDocument.Parse(cloudEvent.Data!.ToString());
        Assert.Equal(published.GetProperty("sha256").GetString(), data.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(version, data.RootElement.GetProperty("version").GetInt32());
    }
}
