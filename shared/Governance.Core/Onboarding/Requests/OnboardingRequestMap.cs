using System.Text.Json;
using Governance.Core.Aggregates;
using Governance.Core.Json;
using Governance.Core.Storage;

namespace Governance.Core.Onboarding.Requests;

/// <summary>Request rows in the <c>OnboardingRequests</c> table: PartitionKey = request id, RowKey <c>request</c>; index rows live in <see cref="OnboardingIndex"/> partitions.</summary>
public sealed class OnboardingRequestMap : JsonAggregateMap<OnboardingRequest>
{
    public const string RequestRowKey = "request";

    public override string Table => TableNames.OnboardingRequests;

    public override string Name => "Onboarding request";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => RequestRowKey;

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(OnboardingRequest state) =>
    [
        new("DeveloperId", state.DeveloperId),
        new("Status", state.Status),
        new("AppId", state.AppId),
        new("SubmittedAt", state.SubmittedAt),
    ];
}

/// <summary>The message on <c>OnboardingQueue</c> (default <c>onboarding-checks</c>) that asks for a request's check.</summary>
public sealed record OnboardingCheckMessage(string? RequestId)
{
    public const string QueueSetting = "OnboardingQueue";

    public static string For(string requestId) => JsonSerializer.Serialize(new OnboardingCheckMessage(requestId), GovernanceJson.Options);

    /// <summary>The request id of a message, or null when the text is not a message for a request (it is left in the poison queue).</summary>
    public static string? RequestIdOf(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<OnboardingCheckMessage>(text, GovernanceJson.Options)?.RequestId is { } id && OnboardingIds.IsRequestId(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
