using Azure;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Tests.Fakes;
using Moq;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimStoreTests
{
    private const string ClaimId = "clm_0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ETag Read = new("W/\"read\"");
    private static readonly ETag Written = new("W/\"written\"");

    private readonly Mock<TableClient> _table = new();
    private readonly Mock<IEventOutbox> _outbox = new(MockBehavior.Strict);
    private readonly ClaimStore _store;

    public ClaimStoreTests()
    {
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(TableNames.Claims)).Returns(_table.Object);
        _store = new ClaimStore(tables.Object, _outbox.Object);
    }

    private static ClaimEntity Claim(ClaimStatus status)
    {
        var claim = new ClaimEntity { PartitionKey = ClaimId, ClaimId = ClaimId, UserId = "u-1", AppId = "app-1", Currency = "CNY", ClaimedAmount = 1_000, ETag = Read };
        claim.SetStatus(status);
        return claim;
    }

    /// <summary>A paid claim in recourse that still owes <paramref name="outstanding"/> after <paramref name="recoveries"/> recoveries.</summary>
    private static ClaimEntity Owing(long outstanding, int recoveries)
    {
        var claim = Claim(ClaimStatus.RecourseOpen);
        claim.ApprovedAmount = claim.Outstanding = outstanding;
        claim.RecoveryCount = recoveries;
        return claim;
    }

    private static ClaimEntity JustApproved()
    {
        var claim = Claim(ClaimStatus.Received);
        ClaimProcessor.Apply(claim, new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "ok", new MoneyAmount(900, "CNY")), AuditActor.System("test"), Now);
        return claim;
    }

    [Fact]
    public async Task A_change_that_causes_an_event_commits_the_row_and_the_event_in_one_batch_of_the_claims_partition()
    {
        var claim = JustApproved();
        IList<TableTransactionAction>? batch = null;
        IReadOnlyList<DomainEvent>? events = null;
        _outbox.Setup(o => o.CommitAsync(TableNames.Claims, ClaimId, It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, IList<TableTransactionAction>, IReadOnlyList<DomainEvent>, CancellationToken>((_, _, b, e, _) => (batch, events) = (b.ToList(), e))
            .ReturnsAsync([new FakeResponse(204, Written)]);

        await _store.UpdateAsync(claim);

        var action = Assert.Single(batch!);
        Assert.Equal(TableTransactionActionType.UpdateReplace, action.ActionType);
        Assert.Same(claim, action.Entity);
        Assert.Equal(Read, action.ETag);
        var prepaid = Assert.Single(events!);
        Assert.Equal(EventTypes.CompensationPrepaid, prepaid.Type);
        Assert.Equal(ClaimId, prepaid.Id);
        Assert.Equal(Written, claim.ETag);
        Assert.Empty(claim.EventsDue);
        _table.Verify(t => t.UpdateEntityAsync(It.IsAny<ClaimEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Once_committed_the_event_is_not_recorded_again_by_the_next_update()
    {
        var claim = JustApproved();
        _outbox.Setup(o => o.CommitAsync(TableNames.Claims, ClaimId, It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new FakeResponse(204, Written)]);
        _table.Setup(t => t.UpdateEntityAsync(claim, Written, TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FakeResponse(204, new ETag("W/\"again\"")));
        await _store.UpdateAsync(claim);

        claim.PendingWork = false;
        await _store.UpdateAsync(claim);

        _outbox.Verify(o => o.CommitAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(new ETag("W/\"again\""), claim.ETag);
    }

    [Fact]
    public async Task A_change_without_events_is_a_conditional_replace_that_never_touches_the_outbox()
    {
        var claim = Claim(ClaimStatus.Approved);
        ClaimTransitions.Move(claim, ClaimStatus.Prepaid, AuditActor.System("test"), PolicyRuleIds.ClaimsAdvanceCompensation, Now);
        _table.Setup(t => t.UpdateEntityAsync(claim, Read, TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FakeResponse(204, Written));

        await _store.UpdateAsync(claim);

        Assert.Equal(Written, claim.ETag);
        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_recovery_is_a_row_of_its_own_inserted_in_the_same_transaction_as_the_claim_row()
    {
        var claim = Owing(900, recoveries: 0);
        IList<TableTransactionAction>? batch = null;
        _table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((b, _) => batch = b.ToList())
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([new FakeResponse(204, Written), new FakeResponse(204)], new FakeResponse(202)));
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-1", 400, Now));

        await _store.UpdateAsync(claim);

        Assert.Equal(2, batch!.Count);
        Assert.Equal(TableTransactionActionType.UpdateReplace, batch[0].ActionType);
        Assert.Same(claim, batch[0].Entity);
        Assert.Equal(Read, batch[0].ETag);
        Assert.Equal(TableTransactionActionType.Add, batch[1].ActionType);
        var row = Assert.IsType<TableEntity>(batch[1].Entity);
        Assert.Equal(ClaimId, row.PartitionKey);
        Assert.Equal(ClaimRecoveries.RowKey("wire-1"), row.RowKey);
        Assert.Equal(new ClaimRecovery("wire-1", 400, Now), ClaimRecoveries.FromRow(row));
        Assert.Equal(1, row.GetInt32(ClaimRecoveries.SequenceProperty));
        Assert.Equal((500, 400, 1, "wire-1"), (claim.Outstanding, claim.RecoveredAmount, claim.RecoveryCount, claim.LastRecoveryReference));
        Assert.Equal([new ClaimRecovery("wire-1", 400, Now)], ClaimRecoveries.Pending(claim));
        Assert.Empty(claim.RowsDue);
        Assert.Equal(Written, claim.ETag);
        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_recovery_that_completes_a_claim_commits_with_the_row_and_the_recovered_event()
    {
        var claim = Owing(900, recoveries: 1);
        IList<TableTransactionAction>? batch = null;
        _outbox.Setup(o => o.CommitAsync(TableNames.Claims, ClaimId, It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, IList<TableTransactionAction>, IReadOnlyList<DomainEvent>, CancellationToken>((_, _, b, _, _) => batch = b.ToList())
            .ReturnsAsync([new FakeResponse(204, Written), new FakeResponse(204)]);
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-2", 900, Now));
        claim.RecoveredAt = Now;
        ClaimTransitions.Move(claim, ClaimStatus.Recovered, AuditActor.System("test"), PolicyRuleIds.ClaimsRecourse, Now);

        await _store.UpdateAsync(claim);

        Assert.Equal([TableTransactionActionType.UpdateReplace, TableTransactionActionType.Add], batch!.Select(a => a.ActionType));
        Assert.Equal(2, ((TableEntity)batch![1].Entity).GetInt32(ClaimRecoveries.SequenceProperty));
        Assert.Empty(claim.RowsDue);
        Assert.Empty(claim.EventsDue);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(409)]
    [InlineData(404)]
    public async Task A_rejected_batch_is_a_lost_race_for_the_caller_to_redo(int status)
    {
        var claim = JustApproved();
        _outbox.Setup(o => o.CommitAsync(TableNames.Claims, ClaimId, It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(status, "rejected"));

        await Assert.ThrowsAsync<ClaimChangedException>(() => _store.UpdateAsync(claim));

        Assert.Equal(Read, claim.ETag);
    }

    [Fact]
    public async Task A_write_without_an_etag_fails_instead_of_making_the_next_update_unconditional()
    {
        var claim = JustApproved();
        _outbox.Setup(o => o.CommitAsync(TableNames.Claims, ClaimId, It.IsAny<IList<TableTransactionAction>>(), It.IsAny<IReadOnlyList<DomainEvent>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new FakeResponse(204)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.UpdateAsync(claim));

        Assert.NotEqual(ETag.All, claim.ETag);
    }

    [Fact]
    public async Task Every_query_matches_claim_rows_and_never_the_outbox_or_recovery_rows_in_a_claims_partition()
    {
        var filters = new List<string>();
        _table.Setup(t => t.QueryAsync<ClaimEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Callback<string, int?, IEnumerable<string>, CancellationToken>((filter, _, _, _) => filters.Add(filter))
            .Returns(AsyncPageable<ClaimEntity>.FromPages([]));
        _table.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Callback<string, int?, IEnumerable<string>, CancellationToken>((filter, _, _, _) => filters.Add(filter))
            .Returns(AsyncPageable<TableEntity>.FromPages([]));

        await _store.ListAsync(null, null, 10);
        await _store.ListAsync(ClaimStatus.Approved, null, 10);
        await _store.ForAppAsync("app-1");
        await _store.InStatusAsync(ClaimStatus.Approved);
        await _store.WithPendingWorkAsync();
        await _store.CountForUserSinceAsync("u-1", Now.AddDays(-30), "clm_other");

        Assert.Equal(6, filters.Count);
        var claimRow = Row(ClaimEntity.ClaimRowKey);
        var outboxRows = new[] { Row(OutboxKeys.EventRowKey(1)), Row(OutboxKeys.HeadRowKey), Row(ClaimRecoveries.RowKey("claim")) };
        Assert.All(filters, filter =>
        {
            var matches = ODataFilter.Compile(filter);
            Assert.True(matches(claimRow), $"{filter} misses a claim row");
            Assert.All(outboxRows, row => Assert.False(matches(row), $"{filter} matches outbox row {row.RowKey}"));
        });
    }

    /// <summary>A row in the claim's partition whose properties satisfy every query's own condition.</summary>
    private static TableEntity Row(string rowKey) => new(ClaimId, rowKey)
    {
        ["AppId"] = "app-1",
        ["UserId"] = "u-1",
        ["Status"] = "approved",
        ["PendingWork"] = true,
        ["ReceivedAt"] = Now,
    };
}
