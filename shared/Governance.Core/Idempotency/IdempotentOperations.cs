using Governance.Core.Security;

namespace Governance.Core.Idempotency;

/// <summary>
/// Ties an <c>Idempotency-Key</c> to its caller and gives the write an operation id. A key is only ever looked up
/// within its caller's scope, so another caller reusing it runs its own write and never sees the first caller's
/// response. The operation id is what makes a write safe to run again after a failure: a retry of the same
/// (scope, caller, key, request) gets the same id and finds the resource the first attempt created under it.
/// </summary>
public static class IdempotentOperations
{
    /// <summary>Operation ids are 32 lowercase hex digits (128 bits), usable directly as a resource id.</summary>
    public const int IdLength = 32;

    /// <summary>A stable, opaque hash of who is calling (never the subject itself: it ends up in a table key).</summary>
    public static string CallerHash(Caller caller)
        => Short(IdempotencyStore.HashRequest([], "caller", caller.Kind.ToString(), caller.Subject ?? caller.DeveloperId ?? string.Empty));

    /// <summary><paramref name="scope"/> narrowed to <paramref name="caller"/> (still a valid store scope: no '|').</summary>
    public static string CallerScope(string scope, Caller caller) => scope + "." + CallerHash(caller);

    /// <summary><paramref name="scope"/> narrowed to the webhooks of one source (its <c>webhook-id</c>s are unique within it).</summary>
    public static string SourceScope(string scope, string webhookSource)
        => scope + "." + Short(IdempotencyStore.HashRequest([], "webhook", webhookSource));

    /// <summary>The operation id of a keyed write: the same for every retry of the same request by the same caller.</summary>
    public static string OperationId(string callerScope, string key, string requestHash)
        => Short(IdempotencyStore.HashRequest([], "operation", callerScope, key, requestHash));

    /// <summary>The operation id of a write without a key: a fresh one, so it never matches an earlier write.</summary>
    public static string NewOperationId() => Guid.NewGuid().ToString("N");

    private static string Short(string sha256Hex) => sha256Hex[..IdLength];
}
