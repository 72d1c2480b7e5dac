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

    [Fact]
    public void A_well_formed_token_holding_a_control_character_is_a_400()
        => Assert.Throws<GovernanceProblem>(() => PageTokens.FromClient(PageTokens.ToClient("a\u0001b")));

    [Fact]
    public void A_token_with_a_slash_is_accepted_because_the_table_service_issues_such_tokens()
        => Assert.Equal("1!8!c2V0dGxl/w-- 1!4!Y2xhaW0-", PageTokens.FromClient(PageTokens.ToClient("1!8!c2V0dGxl/w-- 1!4!Y2xhaW0-")));

    [Fact]
    public async Task A_token_the_table_service_refuses_is_a_400_not_a_server_error()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => PageTokens.QueryAsync<int>(
            PageTokens.ToClient("x y"),
            _ => throw new Azure.RequestFailedException(400, "InvalidInput")));

        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors!.ContainsKey("continuationToken"));
    }

    [Fact]
    public async Task A_refusal_without_a_client_token_is_not_blamed_on_the_client()
        => await Assert.ThrowsAsync<Azure.RequestFailedException>(() => PageTokens.QueryAsync<int>(null, _ => throw new Azure.RequestFailedException(400, "InvalidInput")));
}
