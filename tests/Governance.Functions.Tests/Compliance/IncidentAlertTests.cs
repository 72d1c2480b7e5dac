using Azure.Data.Tables;
using Azure.Messaging;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

/// <summary>The deadline timer raises approaching and missed events through the outbox, once per incident and deadline.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IncidentAlertTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Fact]
    public async Task The_timer_raises_one_approaching_and_one_missed_event_per_deadline_on_the_events_queue()
    {
        // Other operator: 4 hours to report; with a quarter of that (1 hour) left the deadline is approaching.
        await _api.SetOperatorTypeAsync("other");
        var detectedAt = _api.Now.AddHours(-3).AddMinutes(-10);
        var incidentId = (await _api.PostAsync("api/incidents", IncidentApiTests.Incident("relatively_major", detectedAt, individuals: 0))).GetProperty("incidentId").GetString()!;
        var metId = (await _api.PostAsync("api/incidents", IncidentApiTests.Incident("relatively_major", detectedAt, individuals: 0))).GetProperty("incidentId").GetString()!;
        await _api.PostAsync($"api/incidents/{metId}/actions", new { kind = "report", at = _api.Now });

        await _api.RunAsync("IncidentDeadlines");
        await _api.RunAsync("IncidentDeadlines");
        var approaching = Assert.Single(await TakeAsync(incidentId, EventTypes.IncidentDeadlineApproaching));
        Assert.Equal($"{incidentId}:report:approaching", approaching.Id);
        Assert.Equal(EventSources.Incidents, approaching.Source);
        var data = approaching.Data!.ToObjectFromJson<System.Text.Json.JsonElement>();
        Assert.Equal("report", data.GetProperty("duty").GetString());
        Assert.Equal(detectedAt.AddHours(4), data.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("compliance.incident.report-other", data.GetProperty("rule").GetString());
        Assert.Equal("relatively_major", data.GetProperty("severity").GetString());

        fixture.Clock.Advance(TimeSpan.FromMinutes(55));
        await _api.RunAsync("IncidentDeadlines");
        await _api.RunAsync("IncidentDeadlines");
        var missed = Assert.Single(await TakeAsync(incidentId, EventTypes.IncidentDeadlineMissed));
        Assert.Equal($"{incidentId}:report:missed", missed.Id);
        Assert.Equal("missed", ComplianceApi.Deadline(await _api.GetAsync($"api/incidents/{incidentId}"), "report").GetProperty("status").GetString());

        // However often the timer runs, and when the late report finally comes, each alert is recorded once;
        // the deadline met in time never alerts.
        await _api.RunAsync("IncidentDeadlines");
        var reportedLate = await _api.PostAsync($"api/incidents/{incidentId}/actions", new { kind = "report", at = _api.Now });
        Assert.Equal("missed", ComplianceApi.Deadline(reportedLate, "report").GetProperty("status").GetString());
        await _api.RunAsync("IncidentDeadlines");
        Assert.Equal(
            [EventTypes.IncidentDeadlineApproaching, EventTypes.IncidentDeadlineMissed],
            (await AlertTypesAsync(incidentId)).Order(StringComparer.Ordinal));
        Assert.Empty(await AlertTypesAsync(metId));
    }

    private async Task<List<CloudEvent>> TakeAsync(string incidentId, string type)
        => await EventsQueueReader.CollectAsync(
            fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, StorageQueueEventPublisher.QueueSetting)),
            e => e.Subject == incidentId && e.Type == type,
            got => got.Count >= 1,
            TimeSpan.FromSeconds(45));

    /// <summary>The alert events recorded in the incident's outbox (sent or not): one row per event ever raised.</summary>
    private async Task<List<string>> AlertTypesAsync(string incidentId)
    {
        var types = new List<string>();
        await foreach (var row in fixture.Tables.GetTableClient(TableNames.Incidents).QueryAsync<TableEntity>(e => e.PartitionKey == incidentId))
        {
            if (row.GetString("EventType") is { } type && type.StartsWith("governance.incident.", StringComparison.Ordinal))
            {
                types.Add(type);
            }
        }

        return types;
    }
}
