using Governance.Core.Disclosures;
using Governance.Core.Idempotency;
using Governance.Core.Security;

namespace Governance.Core.Tests.Idempotency;

public sealed class IdempotentOperationsTests
{
    private static readonly Caller Alice = Caller.Staff("alice", [StaffRoles.Operator]);
    private static readonly Caller Bob = Caller.Staff("bob", [StaffRoles.Operator]);

    [Fact]
    public void Each_caller_gets_its_own_scope_which_the_store_accepts()
    {
        var alice = IdempotentOperations.CallerScope("app-register", Alice);
        var bob = IdempotentOperations.CallerScope("app-register", Bob);

        Assert.NotEqual(alice, bob);
        Assert.Equal(alice, IdempotentOperations.CallerScope("app-register", Caller.Staff("alice", [StaffRoles.Auditor])));
        Assert.NotEqual(alice, IdempotentOperations.CallerScope("app-register", Caller.Developer("alice")));
        Assert.DoesNotContain("alice", alice, StringComparison.Ordinal);
        Assert.NotEqual(IdempotencyStore.PartitionKeyFor(alice, "k1"), IdempotencyStore.PartitionKeyFor(bob, "k1"));
    }

    [Fact]
    public void An_operation_id_is_stable_for_a_retry_and_differs_for_anything_else()
    {
        var scope = IdempotentOperations.CallerScope("disclosure-draft-create", Alice);
        var id = IdempotentOperations.OperationId(scope, "k1", "hash-a");

        Assert.Equal(id, IdempotentOperations.OperationId(scope, "k1", "hash-a"));
        Assert.True(DisclosureDraftService.IsDraftId(id));
        Assert.NotEqual(id, IdempotentOperations.OperationId(scope, "k2", "hash-a"));
        Assert.NotEqual(id, IdempotentOperations.OperationId(scope, "k1", "hash-b"));
        Assert.NotEqual(id, IdempotentOperations.OperationId(IdempotentOperations.CallerScope("disclosure-draft-create", Bob), "k1", "hash-a"));
        Assert.NotEqual(IdempotentOperations.NewOperationId(), IdempotentOperations.NewOperationId());
        Assert.True(DisclosureDraftService.IsDraftId(IdempotentOperations.NewOperationId()));
    }
}
