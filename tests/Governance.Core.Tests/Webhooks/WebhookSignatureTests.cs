using System.Security.Cryptography;
using System.Text;
using Governance.Core.Problems;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // Fixed key bytes 0x01..0x20, so the expected HMAC below is computed from known inputs.
    private static readonly byte[] KeyBytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly WebhookSecret Secret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(KeyBytes));
    private static readonly WebhookSecret OtherSecret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()));

    private const string Id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private const long Timestamp = 1_900_000_000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"claim.filed\",\"data\":{\"amount\":1200}}");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(Timestamp));

    private static string IndependentSignature(byte[] key, string id, long timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(key);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(content));
    }

    private WebhookHeaders Headers(string? signature = null, string? id = Id, string? timestamp = null)
        => new(id, timestamp ?? Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature ?? IndependentSignature(KeyBytes, Id, Timestamp, Body));

    [Fact]
    public void A_signature_computed_independently_verifies_and_returns_the_id()
    {
        var id = new WebhookSignature(_time).Verify(Headers(), Body, [Secret]);

        Assert.Equal(Id, id);
    }

    [Fact]
    public void Signing_produces_the_independently_computed_signature()
    {
        var headers = new WebhookSignature(_time).Sign(Id, Body, Secret);

        Assert.Equal(Id, headers.Id);
        Assert.Equal(Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), headers.Timestamp);
        Assert.Equal(IndependentSignature(KeyBytes, Id, Timestamp, Body), headers.Signature);
    }

    [Fact]
    public void Any_configured_secret_may_match_during_rotation()
    {
        var signedWithNew = IndependentSignature(KeyBytes, Id, Timestamp, Body);

        Assert.Equal(Id, new WebhookSignature(_time).Verify(Headers(signedWithNew), Body, [OtherSecret, Secret]));
    }

    [Fact]
    public void One_matching_entry_among_several_signatures_is_enough()
    {
        var header = "v1,AAAA " + IndependentSignature(OtherSecret.Key, Id, Timestamp, Body) + " v1a,ignored " + IndependentSignature(KeyBytes, Id, Timestamp, Body);

        Assert.Equal(Id, new WebhookSignature(_time).Verify(Headers(header), Body, [Secret]));
    }

    [Fact]
    public void A_changed_body_does_not_match()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"type\":\"claim.filed\",\"data\":{\"amount\":9200}}");

        var problem = Assert.Throws<GovernanceProblem>(() => new WebhookSignature(_time).Verify(Headers(), tampered, [Secret]));

        Assert.Equal(401, problem.Status);
        Assert.Contains("No signature", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_with_an_unconfigured_secret_does_not_match_and_names_no_secret()
    {
        var problem = Assert.Throws<GovernanceProblem>(() => new WebhookSignature(_time).Verify(Headers(), Body, [OtherSecret]));

        Assert.Contains("No signature", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(OtherSecret.Key), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_id_and_timestamp_are_part_of_what_is_signed()
    {
        var verifier = new WebhookSignature(_time);

        Assert.Throws<GovernanceProblem>(() => verifier.Verify(Headers(id: "msg_other"), Body, [Secret]));
        Assert.Throws<GovernanceProblem>(() => verifier.Verify(Headers(timestamp: (Timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Body, [Secret]));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_timestamp_exactly_five_minutes_off_is_accepted(int offsetSeconds)
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp + offsetSeconds));

        Assert.Equal(Id, new WebhookSignature(serverTime).Verify(Headers(), Body, [Secret]));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void A_timestamp_five_minutes_and_one_second_off_is_rejected(int offsetSeconds)
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp + offsetSeconds));

        var problem = Assert.Throws<GovernanceProblem>(() => new WebhookSignature(serverTime).Verify(Headers(), Body, [Secret]));

        Assert.Equal(401, problem.Status);
        Assert.Contains("webhook-timestamp", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1900000000")]
    [InlineData("1900000000.5")]
    [InlineData("99999999999999999999")]
    public void A_timestamp_that_is_not_unix_seconds_is_rejected(string timestamp)
    {
        var problem = Assert.Throws<GovernanceProblem>(() => new WebhookSignature(_time).Verify(Headers(timestamp: timestamp), Body, [Secret]));

        Assert.Contains("Unix time", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_missing_header_is_named()
    {
        var verifier = new WebhookSignature(_time);

        var problem = Assert.Throws<GovernanceProblem>(() => verifier.Verify(new WebhookHeaders(null, " ", "v1,x"), Body, [Secret]));

        Assert.Equal(401, problem.Status);
        Assert.Contains("webhook-id", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("webhook-timestamp", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-signature", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2,abc")]
    [InlineData("v1,@@@not-base64")]
    [InlineData("garbage")]
    public void A_header_without_a_usable_v1_signature_says_so(string header)
    {
        var problem = Assert.Throws<GovernanceProblem>(() => new WebhookSignature(_time).Verify(Headers(header), Body, [Secret]));

        Assert.Contains("no v1 signature", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_parsed_from_a_semicolon_list_and_bad_ones_are_refused()
    {
        var list = WebhookSecret.ParseList($"whsec_{Convert.ToBase64String(KeyBytes)} ; whsec_{Convert.ToBase64String(OtherSecret.Key)}");

        Assert.Equal(2, list.Count);
        Assert.Equal(KeyBytes, list[0].Key);
        Assert.Throws<FormatException>(() => WebhookSecret.Parse(Convert.ToBase64String(KeyBytes)));
        Assert.Throws<FormatException>(() => WebhookSecret.Parse("whsec_***"));
        Assert.Throws<FormatException>(() => WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[8])));
        Assert.DoesNotContain(Convert.ToBase64String(KeyBytes), list[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_secrets_round_trip()
    {
        var secret = WebhookSecret.Parse(WebhookSecret.Generate());

        Assert.Equal(32, secret.Key.Length);
    }
}
