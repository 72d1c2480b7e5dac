using Governance.Core.Apps;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>Field checks for a <c>claim.filed</c> webhook; all problems are reported at once.</summary>
public static class ClaimWebhookValidator
{
    public const string EventType = "claim.filed";
    public const int MaxIdLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxEvidence = 50;
    public const int MaxUrlLength = 2048;

    /// <summary>Clock difference tolerated for an <c>occurredAt</c> slightly ahead of ours.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static void Validate(ClaimWebhook webhook, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (webhook.Type != EventType)
        {
            errors.Add("type", $"must be '{EventType}'.");
        }

        if (webhook.Data is not { } data)
        {
            errors.Add("data", "is required.");
            errors.ThrowIfAny();
            return;
        }

        Identifier(errors, "data.externalReference", data.ExternalReference);
        Identifier(errors, "data.userId", data.UserId);
        Identifier(errors, "data.orderId", data.OrderId);
        if (AppIds.Check(data.AppId) is { } appIdProblem)
        {
            errors.Add("data.appId", appIdProblem);
        }

        if (data.OccurredAt is not { } occurredAt)
        {
            errors.Add("data.occurredAt", "is required (ISO 8601).");
        }
        else if (occurredAt > now + FutureTolerance)
        {
            errors.Add("data.occurredAt", "must not be in the future.");
        }

        if (data.Damage is not { } damage)
        {
            errors.Add("data.damage", "is required.");
        }
        else
        {
            if (damage.Category is null || !DamageCategories.All.Contains(damage.Category, StringComparer.Ordinal))
            {
                errors.Add("data.damage.category", $"must be one of {string.Join(", ", DamageCategories.All)}.");
            }

            errors.Required("data.damage.description", damage.Description)
                .MaxLength("data.damage.description", damage.Description, MaxDescriptionLength);
        }

        Money(errors, "data.amountClaimed", data.AmountClaimed);
        Evidence(errors, data.Evidence);
        errors.ThrowIfAny();
    }

    public static void Money(ValidationErrors errors, string field, MoneyInput? money)
    {
        if (money is null)
        {
            errors.Add(field, "is required.");
            return;
        }

        if (money.Amount is not > 0)
        {
            errors.Add(field + ".amount", "must be a positive integer number of minor units.");
        }

        if (!IsCurrency(money.Currency))
        {
            errors.Add(field + ".currency", "must be an ISO 4217 code such as CNY.");
        }
    }

    public static bool IsCurrency(string? currency) => currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper);

    private static void Identifier(ValidationErrors errors, string field, string? value)
    {
        errors.Required(field, value).MaxLength(field, value, MaxIdLength);
        if (value is not null && value.Any(char.IsControl))
        {
            errors.Add(field, "must not contain control characters.");
        }
    }

    private static void Evidence(ValidationErrors errors, IReadOnlyList<EvidenceItem>? evidence)
    {
        if (evidence is null)
        {
            return;
        }

        if (evidence.Count > MaxEvidence)
        {
            errors.Add("data.evidence", $"must have at most {MaxEvidence} items.");
            return;
        }

        for (var i = 0; i < evidence.Count; i++)
        {
            var field = $"data.evidence[{i}]";
            if (evidence[i] is not { } item)
            {
                errors.Add(field, "must be an object.");
                continue;
            }

            errors.Required(field + ".name", item.Name).MaxLength(field + ".name", item.Name, MaxIdLength);
            if (item.Sha256 is not { Length: 64 } || !item.Sha256.All(char.IsAsciiHexDigit))
            {
                errors.Add(field + ".sha256", "must be 64 hexadecimal characters.");
            }

            if (item.Url is not null
                && (item.Url.Length > MaxUrlLength || !Uri.TryCreate(item.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                errors.Add(field + ".url", $"must be an absolute http(s) URL of at most {MaxUrlLength} characters.");
            }
        }
    }
}
