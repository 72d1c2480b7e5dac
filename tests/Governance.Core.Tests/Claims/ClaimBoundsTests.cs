using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Json;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Tests.Claims;

/// <summary>Bounds that keep what a client sends storable and summable (review findings 1, 5, 6, 8, 9, 11).</summary>
public sealed class ClaimBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ClaimId = "clm_0123456789abcdef0123456789abcdef";

    private static ClaimWebhook Valid(Func<ClaimFiled, ClaimFiled> change)
        => new("claim.filed", change(new ClaimFiled("cs-1", "user-1", "app-1", "order-1", Now.AddDays(-1), new ClaimDamage("fraud", "lost money"),
            new MoneyInput(1_000, "CNY"), [new EvidenceItem("receipt", new string('0', 64), null)])));

    private static IReadOnlyDictionary<string, string[]> Errors(ClaimWebhook webhook)
    {
        var problem = Assert.Throws<GovernanceProblem>(() => ClaimWebhookValidator.Validate(webhook, Now));
        Assert.Equal(400, problem.Status);
        return problem.Errors!;
    }

    [Fact]
    public void Evidence_that_would_not_fit_its_table_property_is_400()
    {
        // 50 names of 200 Chinese characters: 10,000 characters sent, 60,000 once escaped for storage.
        var evidence = Enumerable.Range(0, 50).Select(i => new EvidenceItem(new string('证', 200), new string('a', 64), null)).ToList();
        Assert.True(JsonSerializer.Serialize(evidence, GovernanceJson.Options).Length > 32 * 1024);

        var errors = Errors(Valid(d => d with { Evidence = evidence }));

        Assert.Equal(["data.evidence"], errors.Keys);
    }

    [Fact]
    public void Evidence_that_fits_is_accepted_whatever_its_script()
        => ClaimWebhookValidator.Validate(Valid(d => d with { Evidence = Enumerable.Range(0, 20).Select(_ => new EvidenceItem(new string('证', 200), new string('a', 64), null)).ToList() }), Now);

    [Theory]
    [InlineData(1_000_000_000_000_001L)]
    [InlineData(5_000_000_000_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void An_amount_above_ten_to_the_fifteen_minor_units_is_400(long amount)
        => Assert.Equal(["data.amountClaimed.amount"], Errors(Valid(d => d with { AmountClaimed = new MoneyInput(amount, "CNY") })).Keys);

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("XTS")]
    [InlineData("XAU")]
    [InlineData("cny")]
    [InlineData("")]
    [InlineData(null)]
    public void A_currency_that_is_not_an_active_iso_4217_code_is_400_naming_the_field(string? currency)
        => Assert.Equal(["data.amountClaimed.currency"], Errors(Valid(d => d with { AmountClaimed = new MoneyInput(1_000, currency) })).Keys);

    [Theory]
    [InlineData("JPY")]
    [InlineData("KWD")]
    [InlineData("CLF")]
    public void Any_active_iso_4217_currency_passes_intake_whether_or_not_the_profile_accepts_it(string currency)
        => ClaimWebhookValidator.Validate(Valid(d => d with { AmountClaimed = new MoneyInput(1_000, currency) }), Now);

    [Fact]
    public void Ten_to_the_fifteen_minor_units_is_the_largest_amount_accepted()
        => ClaimWebhookValidator.Validate(Valid(d => d with { AmountClaimed = new MoneyInput(ClaimWebhookValidator.MaxAmount, "CNY") }), Now);

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1600-12-31T23:59:59Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    public void An_occurrence_before_2000_is_400(string occurredAt)
        => Assert.Equal(["data.occurredAt"], Errors(Valid(d => d with { OccurredAt = DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture) })).Keys);

    [Theory]
    [InlineData("lost\u0000money")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001b[31m")]
    [InlineData("c1\u0085control")]
    public void Control_characters_in_the_description_or_evidence_names_are_400(string text)
    {
        Assert.Equal(["data.damage.description"], Errors(Valid(d => d with { Damage = new ClaimDamage("fraud", text) })).Keys);
        Assert.Equal(["data.evidence[0].name"], Errors(Valid(d => d with { Evidence = [new EvidenceItem(text, new string('0', 64), null)] })).Keys);
        Assert.Equal(["data.externalReference"], Errors(Valid(d => d with { ExternalReference = text })).Keys);
    }

    [Fact]
    public void Line_breaks_and_tabs_are_fine_in_a_description()
        => ClaimWebhookValidator.Validate(Valid(d => d with { Damage = new ClaimDamage("fraud", "line one\r\nline two\tend") }), Now);

    [Fact]
    public void Trial_balance_totals_beyond_the_range_of_long_do_not_overflow()
    {
        var lines = new List<(string, string, long, long)>
        {
            ("expense", "CNY", 6_000_000_000_000_000_000, 0),
            ("expense", "CNY", 6_000_000_000_000_000_000, 0),
            ("payable", "CNY", 0, 6_000_000_000_000_000_000),
            ("payable", "CNY", 0, 6_000_000_000_000_000_000),
        };

        var balance = TrialBalance.From(lines, 2);

        Assert.True(balance.Balanced);
        Assert.Equal(12_000_000_000_000_000_000m, Assert.Single(balance.Totals).Debit);
        Assert.Equal(12_000_000_000_000_000_000m, balance.Accounts.Single(a => a.Account == "expense").Balance);
    }

    [Fact]
    public void The_same_claim_always_gets_the_same_status_token_and_old_secrets_still_rebuild_theirs()
    {
        var old = Tokens("an-old-secret-that-is-long-enough-to-use");
        var issued = old.Issue(ClaimId);
        var rotated = Tokens("a-new-secret-that-is-long-enough-to-use-too;an-old-secret-that-is-long-enough-to-use");

        Assert.Equal(issued, old.Issue(ClaimId));
        Assert.StartsWith(ClaimKeys.TokenPrefix, issued, StringComparison.Ordinal);
        Assert.NotEqual(issued, old.Issue("clm_ffffffffffffffffffffffffffffffff"));
        Assert.NotEqual(issued, rotated.Issue(ClaimId));
        Assert.Equal(issued, rotated.Rebuild(ClaimId, ClaimKeys.HashToken(issued)));
        Assert.Null(Tokens("a-new-secret-that-is-long-enough-to-use-too").Rebuild(ClaimId, ClaimKeys.HashToken(issued)));
        Assert.Throws<InvalidOperationException>(() => Tokens("short").Issue(ClaimId));
        Assert.Throws<InvalidOperationException>(() => Tokens(null).Issue(ClaimId));
    }

    [Fact]
    public void A_settlement_over_thousands_of_claims_has_small_audit_details_that_still_pin_the_allocation()
    {
        var allocations = Enumerable.Range(0, 5_000)
            .Select(i => new SettlementAllocation($"clm_{i:x32}", new MoneyAmount(1_000 + i, "CNY"), "recovered"))
            .ToList();
        var result = new SettlementResult("app-1", "wire-1", new MoneyAmount(allocations.Sum(a => a.Amount.Amount) + 7, "CNY"), allocations, new MoneyAmount(7, "CNY"));

        var details = Settlement.AuditDetails(result);

        Assert.True(JsonSerializer.Serialize(details).Length < 1_000);
        Assert.Equal("5000", details["allocatedClaims"]);
        Assert.Equal("7 CNY", details["unallocated"]);
        var changed = result with { Allocations = [.. allocations.Take(4_999), allocations[^1] with { Amount = new MoneyAmount(1, "CNY") }] };
        Assert.NotEqual(details["allocationsSha256"], Settlement.AuditDetails(changed)["allocationsSha256"]);
    }

    private static ClaimStatusTokens Tokens(string? secrets)
        => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ClaimStatusTokens.SecretsSetting] = secrets }).Build());
}
