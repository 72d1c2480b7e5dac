using Governance.Core.Problems;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Storage;

public sealed class PageTokensTests
{
    [Theory]
    [InlineData("1!clm_abc 1!claim")]
    [InlineData("partition with spaces and ünïcode")]
    public void A_token_round_trips(string sdkToken)
        => Assert.Equal(sdkToken, PageTokens.FromClient(PageTokens.ToClient(sdkToken)));

    [Fact]
    public void No_token_is_the_first_page()
    {
        Assert.Null(PageTokens.FromClient(null));
        Assert.Null(PageTokens.FromClient(string.Empty));
        Assert.Null(PageTokens.ToClient(null));
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("%%%")]
    [InlineData("AA")]
    public void A_token_the_api_did_not_issue_is_a_400_naming_the_field(string token)
    {
        var problem = Assert.Throws<GovernanceProblem>(() => PageTokens.FromClient(token));

        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors!.ContainsKey("continuationToken"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\u0001b")]
    public void A_well_formed_token_holding_characters_keys_cannot_have_is_a_400(string decoded)
        => Assert.Throws<GovernanceProblem>(() => PageTokens.FromClient(PageTokens.ToClient(decoded)));
}
