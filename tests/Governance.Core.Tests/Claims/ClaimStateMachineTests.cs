using Governance.Core.Claims;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimStateMachineTests
{
    public static TheoryData<ClaimStatus, ClaimStatus> Allowed => new()
    {
        { ClaimStatus.Received, ClaimStatus.Rejected },
        { ClaimStatus.Received, ClaimStatus.UnderReview },
        { ClaimStatus.Received, ClaimStatus.Approved },
        { ClaimStatus.UnderReview, ClaimStatus.Approved },
        { ClaimStatus.UnderReview, ClaimStatus.Rejected },
        { ClaimStatus.Approved, ClaimStatus.Prepaid },
        { ClaimStatus.Prepaid, ClaimStatus.RecourseOpen },
        { ClaimStatus.RecourseOpen, ClaimStatus.Recovered },
        { ClaimStatus.RecourseOpen, ClaimStatus.WrittenOff },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void The_contracted_moves_are_allowed(ClaimStatus from, ClaimStatus to)
        => Assert.True(ClaimStateMachine.CanMove(from, to));

    [Fact]
    public void Every_other_move_is_refused_with_a_409_naming_both_states()
    {
        var allowed = Allowed.Select(row => ((ClaimStatus)row[0], (ClaimStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<ClaimStatus>())
        {
            foreach (var to in Enum.GetValues<ClaimStatus>().Where(to => !allowed.Contains((from, to))))
            {
                Assert.False(ClaimStateMachine.CanMove(from, to), $"{from} -> {to}");
                var problem = Assert.Throws<GovernanceProblem>(() => ClaimStateMachine.EnsureCanMove(from, to));
                Assert.Equal(409, problem.Status);
                Assert.Contains(ClaimStateMachine.ToWire(from), problem.Detail, StringComparison.Ordinal);
                Assert.Contains(ClaimStateMachine.ToWire(to), problem.Detail, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Final_states_have_no_way_out()
    {
        Assert.True(ClaimStateMachine.IsFinal(ClaimStatus.Rejected));
        Assert.True(ClaimStateMachine.IsFinal(ClaimStatus.Recovered));
        Assert.True(ClaimStateMachine.IsFinal(ClaimStatus.WrittenOff));
        Assert.False(ClaimStateMachine.IsFinal(ClaimStatus.Approved));
    }

    [Theory]
    [InlineData(ClaimStatus.Received, "received")]
    [InlineData(ClaimStatus.Rejected, "rejected")]
    [InlineData(ClaimStatus.UnderReview, "under_review")]
    [InlineData(ClaimStatus.Approved, "approved")]
    [InlineData(ClaimStatus.Prepaid, "prepaid")]
    [InlineData(ClaimStatus.RecourseOpen, "recourse_open")]
    [InlineData(ClaimStatus.Recovered, "recovered")]
    [InlineData(ClaimStatus.WrittenOff, "written_off")]
    public void Statuses_use_the_contracted_wire_names_both_ways(ClaimStatus status, string wire)
    {
        Assert.Equal(wire, ClaimStateMachine.ToWire(status));
        Assert.Equal(status, ClaimStateMachine.Parse(wire));
        Assert.Equal(wire, System.Text.Json.JsonSerializer.Serialize(status, Governance.Core.Json.GovernanceJson.Options).Trim('"'));
    }
}
