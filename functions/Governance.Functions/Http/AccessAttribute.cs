using Governance.Core.Security;

namespace Governance.Functions.Http;

/// <summary>The kinds of caller an HTTP function admits; combine them with <c>|</c> (any of them may call).</summary>
[Flags]
public enum Callers
{
    /// <summary>Anyone, without credentials. Combined with another kind, credentials of that kind are checked when sent.</summary>
    Anonymous = 1,

    /// <summary>A third-party developer with its <c>X-Api-Key</c>.</summary>
    Developer = 2,

    /// <summary>A staff member with a bearer token holding any of <see cref="AccessAttribute.Roles"/> (any staff member when none are named).</summary>
    Staff = 4,

    /// <summary>A Standard Webhooks message signed with a secret of <see cref="AccessAttribute.WebhookSource"/>.</summary>
    Webhook = 8,

    /// <summary>
    /// A machine client feeding a duty's data with a key of <see cref="AccessAttribute.IngestionSource"/>
    /// (<c>{source}__IngestionKeys</c>) in <c>X-Api-Key</c>. It shares the header with <see cref="Developer"/>,
    /// so one declaration admits one or the other.
    /// </summary>
    IngestionKey = 16,
}

/// <summary>
/// Who may call an HTTP function, declared on the function method and enforced before its body runs by
/// <see cref="AccessGate"/> on both hosts; the OpenAPI document's security comes from the same declaration.
/// Every HTTP function must carry one: both hosts refuse to start otherwise.
/// <code>
/// [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
/// [Access(Callers.Staff | Callers.Webhook, Roles = [StaffRoles.Operator], WebhookSource = "Payments", BodyLimit = 16 * 1024)]
/// [Access(Callers.Staff | Callers.IngestionKey, Roles = [StaffRoles.Operator], IngestionSource = "Pricing")]
/// </code>
/// The function reads who called with <c>req.Caller()</c> (and a webhook's verified id with <c>req.VerifiedWebhook()</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AccessAttribute(Callers callers) : Attribute
{
    public Callers Callers { get; } = callers;

    /// <summary>Staff roles of which a caller needs any one (<see cref="StaffRoles"/>); empty admits any staff member.</summary>
    public string[] Roles { get; init; } = [];

    /// <summary>The secret set a signed webhook is verified with: <c>Webhooks__{source}__Secrets</c>.</summary>
    public string? WebhookSource { get; init; }

    /// <summary>
    /// The most bytes of body a webhook may send (413 past it): the gate reads the body to verify its signature,
    /// keeps it, and the function reads the same bytes.
    /// </summary>
    public long BodyLimit { get; init; }

    /// <summary>The source whose ingestion keys are admitted: <c>{source}__IngestionKeys</c> (see <see cref="Callers.IngestionKey"/>).</summary>
    public string? IngestionSource { get; init; }

    public bool Admits(Callers kind) => (Callers & kind) == kind;

    /// <summary>What is wrong with the declaration itself, or null when it is complete.</summary>
    public string? Problem()
    {
        if (Callers == 0 || (Callers & ~(Callers.Anonymous | Callers.Developer | Callers.Staff | Callers.Webhook | Callers.IngestionKey)) != 0)
        {
            return $"declares no known kind of caller ({Callers})";
        }

        if (Roles.FirstOrDefault(r => !StaffRoles.IsKnown(r)) is { } unknown)
        {
            return $"names the unknown role '{unknown}' (known: {string.Join(", ", StaffRoles.All)})";
        }

        if (Roles.Length > 0 && !Admits(Callers.Staff))
        {
            return "names roles without admitting staff";
        }

        if (Admits(Callers.Webhook) && (string.IsNullOrWhiteSpace(WebhookSource) || BodyLimit <= 0))
        {
            return "admits webhooks without a WebhookSource and a BodyLimit";
        }

        if (!Admits(Callers.Webhook) && (WebhookSource is not null || BodyLimit != 0))
        {
            return "sets WebhookSource or BodyLimit without admitting webhooks";
        }

        if (Admits(Callers.IngestionKey) && string.IsNullOrWhiteSpace(IngestionSource))
        {
            return "admits ingestion keys without an IngestionSource";
        }

        if (!Admits(Callers.IngestionKey) && IngestionSource is not null)
        {
            return "sets IngestionSource without admitting ingestion keys";
        }

        if (Admits(Callers.IngestionKey | Callers.Developer))
        {
            return $"admits both developers and ingestion keys, which share the {ApiKeyHeader.Name} header";
        }

        return null;
    }
}
