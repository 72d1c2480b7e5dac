using Governance.Core.Claims;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimKeysAndValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_claim_id_is_the_natural_key_and_parts_cannot_be_shifted_between_fields()
    {
        var id = ClaimKeys.ClaimIdFor("u1", "app", "o1", "fraud");

        Assert.Equal(id, ClaimKeys.ClaimIdFor("u1", "app", "o1", "fraud"));
        Assert.True(ClaimKeys.IsClaimId(id));
        Assert.NotEqual(id, ClaimKeys.ClaimIdFor("u1", "app", "o1", "data_leak"));
        Assert.NotEqual(ClaimKeys.ClaimIdFor("a|b", "c", "d", "e"), ClaimKeys.ClaimIdFor("a", "b|c", "d", "e"));
        Assert.NotEqual(ClaimKeys.ClaimIdFor("1:a", "b", "c", "d"), ClaimKeys.ClaimIdFor("1", "a", "b", "c"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("clm_")]
    [InlineData("clm_0123456789abcdef0123456789ABCDEF")]
    [InlineData("clm_0123456789abcdef0123456789abcde/")]
    [InlineData("xyz_0123456789abcdef0123456789abcdef")]
    public void Anything_not_shaped_like_a_claim_id_is_not_one(string? value) => Assert.False(ClaimKeys.IsClaimId(value));

    [Fact]
    public void Status_tokens_are_random_and_only_the_matching_one_verifies()
    {
        var token = ClaimKeys.NewStatusToken();
        var hash = ClaimKeys.HashToken(token);

        Assert.NotEqual(token, ClaimKeys.NewStatusToken());
        Assert.True(ClaimKeys.TokenMatches(token, hash));
        Assert.False(ClaimKeys.TokenMatches(token + "x", hash));
        Assert.False(ClaimKeys.TokenMatches(null, hash));
        Assert.False(ClaimKeys.TokenMatches(token, string.Empty));
    }

    private static ClaimWebhook Valid(Func<ClaimFiled, ClaimFiled>? change = null)
    {
        var data = new ClaimFiled("cs-1", "user-1", "app-1", "order-1", Now.AddDays(-1), new ClaimDamage("fraud", "lost money"),
            new MoneyInput(1_000, "CNY"), [new EvidenceItem("receipt", new string('0', 64), null)]);
        return new ClaimWebhook("claim.filed", change is null ? data : change(data));
    }

    [Fact]
    public void A_complete_claim_is_valid() => ClaimWebhookValidator.Validate(Valid(), Now);

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var webhook = Valid(d => d with
        {
            UserId = " ",
            AppId = "no spaces",
            OrderId = new string('o', 201),
            OccurredAt = Now.AddHours(1),
            Damage = new ClaimDamage("weather", ""),
            AmountClaimed = new MoneyInput(-5, "cny"),
            Evidence = [new EvidenceItem("", "abc", "ftp://x")],
        }) with { Type = "claim.updated" };

        var problem = Assert.Throws<GovernanceProblem>(() => ClaimWebhookValidator.Validate(webhook, Now));

        Assert.Equal(400, problem.Status);
        Assert.Equal(
            new[] { "data.amountClaimed.amount", "data.amountClaimed.currency", "data.appId", "data.damage.category", "data.damage.description", "data.evidence[0].name", "data.evidence[0].sha256", "data.evidence[0].url", "data.occurredAt", "data.orderId", "data.userId", "type" },
            problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_occurrence_slightly_ahead_of_our_clock_is_tolerated()
        => ClaimWebhookValidator.Validate(Valid(d => d with { OccurredAt = Now.AddMinutes(4) }), Now);

    [Fact]
    public void Missing_data_is_reported()
    {
        var problem = Assert.Throws<GovernanceProblem>(() => ClaimWebhookValidator.Validate(new ClaimWebhook("claim.filed", null), Now));
        Assert.True(problem.Errors!.ContainsKey("data"));
    }
}
