using System.Text.Json;
using Governance.Core.Apps;
using Governance.Core.Json;
using Governance.Core.Money;
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

    /// <summary>
    /// The evidence list is stored as JSON in one table property (at most 32K characters); non-ASCII text is
    /// escaped there (<c>\uXXXX</c>, six characters each), so the bound is on the stored form.
    /// </summary>
    public const int MaxEvidenceJsonLength = 30_000;

    /// <summary>
    /// The largest amount of money accepted anywhere in claims and recourse (minor units): 10^15, far above any
    /// real claim, and small enough that the sums a posting or an allocation makes can never overflow.
    /// </summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>The earliest date accepted (damage, payouts): older is a mistake, and Azure Tables stores nothing before 1601.</summary>
    public static readonly DateTimeOffset MinDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
        else
        {
            Date(errors, "data.occurredAt", occurredAt, now);
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
                .MaxLength("data.damage.description", damage.Description, MaxDescriptionLength)
                .NoControlCharacters("data.damage.description", damage.Description, allowLineBreaks: true);
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

        Amount(errors, field + ".amount", money.Amount);
        Currency(errors, field + ".currency", money.Currency);
    }

    /// <summary>An active ISO 4217 currency code (<see cref="Iso4217"/>): <c>ZZZ</c>, <c>cny</c> or <c>XAU</c> is a 400 naming the field.</summary>
    public static void Currency(ValidationErrors errors, string field, string? currency)
    {
        if (!Iso4217.IsActive(currency))
        {
            errors.Add(field, "must be an active ISO 4217 currency code such as CNY.");
        }
    }

    /// <summary>A positive amount of minor units, at most <see cref="MaxAmount"/>.</summary>
    public static void Amount(ValidationErrors errors, string field, long? amount)
    {
        if (amount is not > 0)
        {
            errors.Add(field, "must be a positive integer number of minor units.");
        }
        else if (amount > MaxAmount)
        {
            errors.Add(field, $"must be at most {MaxAmount} minor units.");
        }
    }

    /// <summary>A date from <see cref="MinDate"/> up to now (with <see cref="FutureTolerance"/> for clock differences).</summary>
    public static void Date(ValidationErrors errors, string field, DateTimeOffset value, DateTimeOffset now)
    {
        if (value < MinDate)
        {
            errors.Add(field, $"must not be before {MinDate:yyyy-MM-dd}.");
        }
        else if (value > now + FutureTolerance)
        {
            errors.Add(field, "must not be in the future.");
        }
    }

    private static void Identifier(ValidationErrors errors, string field, string? value)
    {
        errors.Required(field, value).MaxLength(field, value, MaxIdLength).NoControlCharacters(field, value);
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

            errors.Required(field + ".name", item.Name).MaxLength(field + ".name", item.Name, MaxIdLength).NoControlCharacters(field + ".name", item.Name);
            if (item.Sha256 is not { Length: 64 } || !item.Sha256.All(char.IsAsciiHexDigit))
            {
                errors.Add(field + ".sha256", "must be 64 hexadecimal characters.");
            }

            if (item.Url is not null
                && (item.Url.Length > MaxUrlLength || TextRules.HasForbiddenCharacters(item.Url, allowLineBreaks: false) || !Uri.TryCreate(item.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                errors.Add(field + ".url", $"must be an absolute http(s) URL of at most {MaxUrlLength} characters.");
            }
        }

        if (JsonSerializer.Serialize(evidence, GovernanceJson.Options).Length > MaxEvidenceJsonLength)
        {
            errors.Add("data.evidence", $"is too large: stored as JSON it must be at most {MaxEvidenceJsonLength} characters (non-ASCII characters count six).");
        }
    }
}
