using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Tests.Kernel;

/// <summary>Declarations to test against; no [Function] attribute, so no host serves them.</summary>
internal sealed class DeclaredSamples
{
    public const int WebhookLimit = 256;

    [Access(Callers.Anonymous)]
    public static void Anonymous(HttpRequest req) => _ = req;

    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    public static void Operators(HttpRequest req) => _ = req;

    [Access(Callers.Staff | Callers.Developer, Roles = [StaffRoles.Operator])]
    public static void OperatorsOrDevelopers(HttpRequest req) => _ = req;

    [Access(Callers.Webhook, WebhookSource = "Claims", BodyLimit = WebhookLimit)]
    public static void ClaimsWebhook(HttpRequest req) => _ = req;

    [Access(Callers.Staff | Callers.Webhook, Roles = [StaffRoles.Operator], WebhookSource = "Payments", BodyLimit = WebhookLimit)]
    public static void OperatorsOrPayments(HttpRequest req) => _ = req;

    [Access(Callers.Staff | Callers.IngestionKey, Roles = [StaffRoles.Operator], IngestionSource = "Pricing")]
    public static void OperatorsOrPricingFeed(HttpRequest req) => _ = req;

    public static void Undeclared(HttpRequest req) => _ = req;

    [Access(Callers.Developer, Roles = [StaffRoles.Operator])]
    public static void RolesWithoutStaff(HttpRequest req) => _ = req;

    [Access(Callers.Webhook)]
    public static void WebhookWithoutSource(HttpRequest req) => _ = req;

    [Access(Callers.Staff, Roles = ["admin"])]
    public static void UnknownRole(HttpRequest req) => _ = req;

    [Access(Callers.IngestionKey)]
    public static void IngestionWithoutSource(HttpRequest req) => _ = req;

    [Access(Callers.Developer | Callers.IngestionKey, IngestionSource = "Pricing")]
    public static void DevelopersAndIngestion(HttpRequest req) => _ = req;
}

/// <summary>A body that must not be read: the gate answers before it.</summary>
internal sealed class UnreadableStream : MemoryStream
{
    public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new InvalidOperationException("The body was read.");

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("The body was read.");
}
