using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Claims;

public sealed partial class ClaimEventsTests
{
    private const string ClaimId = "clm_0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = AuditActor.System("test");

    private static ClaimEntity Claim(ClaimStatus status)
    {
        var claim = new ClaimEntity { PartitionKey = ClaimId, ClaimId = ClaimId, UserId = "u-7f3a", AppId = "app-42", Currency = "CNY", ClaimedAmount = 1_000 };
        claim.SetStatus(status);
        return claim;
    }

    private static ClaimEntity Approved()
    {
        var claim = Claim(ClaimStatus.Received);
        ClaimProcessor.Apply(claim, new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "small claim", new MoneyAmount(900, "CNY")), Actor, Now);
        return claim;
    }

    private static ClaimEntity Recovered()
    {
        var claim = Claim(ClaimStatus.RecourseOpen);
        claim.ApprovedAmount = claim.Outstanding = 900;
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-1", 400, Now.AddDays(-1)));
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-2", 500, Now));
        claim.RecoveredAt = Now;
        ClaimTransitions.Move(claim, ClaimStatus.Recovered, Actor, PolicyRuleIds.ClaimsRecourse, Now);
        return claim;
    }

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
        var claim = Approved();

        Assert.Equal([EventTypes.CompensationPrepaid], claim.EventsDue);
        var prepaid = Assert.Single(ClaimEvents.Due(claim));
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
        var claim = Recovered();

        Assert.Equal([EventTypes.CompensationRecovered], claim.EventsDue);
        var recovered = Assert.Single(ClaimEvents.Due(claim));
        using var data = AssertEnvelope(recovered, ClaimId + ":recovered", EventTypes.CompensationRecovered);
        var root = data.RootElement;
        Assert.Equal("app-42", root.GetProperty("appId").GetString());
        Assert.Equal(900, root.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", root.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("wire-2", root.GetProperty("settlementReference").GetString());
        Assert.Equal(Now, root.GetProperty("recoveredAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(ClaimStatus.Received, ClaimStatus.UnderReview)]
    [InlineData(ClaimStatus.Received, ClaimStatus.Rejected)]
    [InlineData(ClaimStatus.UnderReview, ClaimStatus.Rejected)]
    [InlineData(ClaimStatus.Approved, ClaimStatus.Prepaid)]
    [InlineData(ClaimStatus.Prepaid, ClaimStatus.RecourseOpen)]
    [InlineData(ClaimStatus.RecourseOpen, ClaimStatus.WrittenOff)]
    public void Other_moves_announce_nothing(ClaimStatus from, ClaimStatus to)
    {
        var claim = Claim(from);

        ClaimTransitions.Move(claim, to, Actor, PolicyRuleIds.ClaimsAdvanceCompensation, Now);

        Assert.Empty(claim.EventsDue);
        Assert.Empty(ClaimEvents.Due(claim));
    }

    [Fact]
    public void A_reviewer_approval_after_review_also_records_the_payout_instruction()
    {
        var claim = Claim(ClaimStatus.UnderReview);

        ClaimProcessor.Apply(claim, new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.ReviewerApproved, PolicyRuleIds.ClaimsAdvanceCompensation, "ok", new MoneyAmount(700, "CNY")), AuditActor.Staff("r-1", "reviewer"), Now);

        var prepaid = Assert.Single(ClaimEvents.Due(claim));
        Assert.Equal(ClaimId, prepaid.Id);
        using var data = JsonDocument.Parse(prepaid.Data);
        Assert.Equal(700, data.RootElement.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(PolicyRuleIds.ClaimsAdvanceCompensation, data.RootElement.GetProperty("rule").GetString());
    }

    [Fact]
    public void The_data_fields_are_exactly_those_the_README_documents()
    {
        var documented = File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "README.md"));

        Assert.Equal(DocumentedFields(documented, EventTypes.CompensationPrepaid), FieldNames(Assert.Single(ClaimEvents.Due(Approved()))));
        Assert.Equal(DocumentedFields(documented, EventTypes.CompensationRecovered), FieldNames(Assert.Single(ClaimEvents.Due(Recovered()))));
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
