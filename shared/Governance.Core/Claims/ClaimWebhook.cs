using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>Body of <c>POST /api/webhooks/claims</c>.</summary>
public sealed record ClaimWebhook(string? Type, ClaimFiled? Data);

public sealed record ClaimFiled(
    string? ExternalReference,
    string? UserId,
    string? AppId,
    string? OrderId,
    DateTimeOffset? OccurredAt,
    ClaimDamage? Damage,
    MoneyInput? AmountClaimed,
    IReadOnlyList<EvidenceItem>? Evidence);

public sealed record ClaimDamage(string? Category, string? Description);

/// <summary>Money as a client sends it; validated into a <see cref="MoneyAmount"/>.</summary>
public sealed record MoneyInput(long? Amount, string? Currency)
{
    public MoneyAmount ToMoney() => new(Amount ?? 0, Currency ?? string.Empty);
}

public sealed record EvidenceItem(string? Name, string? Sha256, string? Url);

public static class DamageCategories
{
    public static IReadOnlyList<string> All { get; } =
        ["data_leak", "fraud", "unauthorized_charge", "non_delivery", "defective_service", "privacy_violation", "other"];
}
