using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Tests.Fakes;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Claims;

public sealed partial class ClaimEventsTests
{
    private const string ClaimId = ClaimSamples.ClaimId;
    private static readonly DateTimeOffset Now = ClaimSamples.Now;

    private static Change<Claim> Approved()
        => ClaimSamples.Received().Assess(new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "small claim", new MoneyAmount(900, "CNY")), ClaimProcessor.Actor, Now)!;

    private static Change<Claim> Recovered()
        => ClaimSamples.InRecourse(900).Recover("wire-1", 400, ClaimSamples.Terms, ClaimSamples.Operator, Now.AddDays(-1))!.State
            .Recover("wire-2", 500, ClaimSamples.Terms, ClaimSamples.Operator, Now)!;

    /// <summary>Checks the CloudEvents attributes every claim event shares; returns its data.</summary>
    private static JsonDocument AssertEnvelope(DomainEvent domainEvent, string id, string type)
    {
        Assert.Equal(id, domainEvent.Id);
        Assert.Equal(type, domainEvent.Type);
        Assert.Equal(EventSources.Claims, domainEvent.Source);
        Assert.Equal(ClaimId, domainEvent.Subject);
        Assert.Equal(ClaimId, domainEvent.AggregateId);
        Assert.Equal(Now, domainEvent.Time);
        var data = JsonDocument.Parse(domainEvent.Data);
        Assert.Equal(ClaimId, data.RootElement.GetProperty("claimId").GetString());
        return data;
    }

    private static List<string> FieldNames(DomainEvent domainEvent)
    {
        using var data = JsonDocument.Parse(domainEvent.Data);
        return data.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public void An_approval_records_the_payout_instruction_with_the_claim_id_as_event_id()
    {
        var prepaid = Assert.Single(Approved().Events);

        using var data = AssertEnvelope(prepaid, ClaimId, EventTypes.CompensationPrepaid);
        var root = data.RootElement;
        Assert.Equal("u-7f3a", root.GetProperty("userId").GetString());
        Assert.Equal("app-42", root.GetProperty("appId").GetString());
        Assert.Equal(900, root.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", root.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(Now, root.GetProperty("approvedAt").GetDateTimeOffset());
        Assert.Equal(PolicyRuleIds.ClaimsAutoApproval, root.GetProperty("rule").GetString());
    }

    [Fact]
    public void A_full_recovery_records_the_recovered_event_with_the_completing_settlement()
    {
        var recovered = Assert.Single(Recovered().Events);

        using var data = AssertEnvelope(recovered, ClaimId + ":recovered", EventTypes.CompensationRecovered);
        var root = data.RootElement;
        Assert.Equal("app-42", root.GetProperty("appId").GetString());
        Assert.Equal(900, root.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", root.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("wire-2", root.GetProperty("settlementReference").GetString());
        Assert.Equal(Now, root.GetProperty("recoveredAt").GetDateTimeOffset());
    }

    [Fact]
    public void Other_changes_announce_nothing()
    {
        var changes = new[]
        {
            ClaimSamples.Filed(),
            ClaimSamples.Received(800_000).Assess(ClaimSamples.Review(), ClaimProcessor.Actor, Now)!,
            ClaimSamples.Received().Assess(new ClaimDecision(ClaimStatus.Rejected, ClaimReasonCodes.ClaimWindowExpired, PolicyRuleIds.ClaimsWindow, "late"), ClaimProcessor.Actor, Now)!,
            ClaimSamples.Approved().ConfirmPayout("pay-1", null, ClaimSamples.Operator, Now)!,
            ClaimSamples.Prepaid().OpenRecourse(ClaimSamples.Terms, RecourseService.SweepActor, Now)!,
            ClaimSamples.InRecourse().Recover("wire-1", 100, ClaimSamples.Terms, ClaimSamples.Operator, Now)!,
            ClaimSamples.InRecourse().WriteOff("gone", ClaimSamples.Terms, ClaimSamples.Operator, Now)!,
        };

        Assert.All(changes, c => Assert.Empty(c.Events));
    }

    [Fact]
    public void A_reviewer_approval_after_review_also_records_the_payout_instruction()
    {
        var change = ClaimSamples.UnderReview(800_000).Review(new ReviewerDecision(true, new MoneyInput(700, "CNY"), "ok"), Profiles.Provider().Current, AuditActor.Staff("r-1", "reviewer"), Now)!;

        var prepaid = Assert.Single(change.Events);
        Assert.Equal(ClaimId, prepaid.Id);
        using var data = JsonDocument.Parse(prepaid.Data);
        Assert.Equal(700, data.RootElement.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(PolicyRuleIds.ClaimsAdvanceCompensation, data.RootElement.GetProperty("rule").GetString());
    }

    [Fact]
    public void The_data_fields_are_exactly_those_the_README_documents()
    {
        var documented = File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "README.md"));

        Assert.Equal(DocumentedFields(documented, EventTypes.CompensationPrepaid), FieldNames(Assert.Single(Approved().Events)));
        Assert.Equal(DocumentedFields(documented, EventTypes.CompensationRecovered), FieldNames(Assert.Single(Recovered().Events)));
    }

    /// <summary>The backticked names in the data column of the type's row of the "Event types" table, notes in parentheses left out.</summary>
    private static List<string> DocumentedFields(string markdown, string type)
    {
        var row = markdown.Split('\n').Single(l => l.StartsWith($"| `{type}` |", StringComparison.Ordinal));
        var data = row.Split('|', StringSplitOptions.TrimEntries)[^2];
        return Backticked().Matches(Parenthesized().Replace(data, string.Empty)).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesized();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
