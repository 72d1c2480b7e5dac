using Governance.Core.Disclosures;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureDraftValidatorTests
{
    [Fact]
    public void A_complete_body_becomes_trimmed_metadata_and_content()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.Title = "  Rules  ";

        var input = DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request);

        Assert.Equal("Rules", input.Metadata.Title);
        Assert.Equal(request.Content, input.Content);
        Assert.Equal(DisclosureSamples.Start, input.Metadata.EffectiveFrom);
        Assert.Null(input.Metadata.Algorithm);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.AlgorithmStrategy, new DisclosureDraftRequest { Title = "   " }));

        Assert.Equal(400, problem.Status);
        Assert.Equal(
            ["adjudicationProcedure", "algorithm", "changeSummary", "content", "effectiveFrom", "formulationProcedure", "significantImpact", "title"],
            problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Content_over_one_megabyte_of_utf8_is_rejected_even_when_it_has_fewer_characters()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PrivacyPolicy, DisclosureSamples.Start, content: new string('数', 400_000));

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.PrivacyPolicy, request));

        Assert.Contains("content", problem.Errors!.Keys);
    }

    [Fact]
    public void Content_of_exactly_one_megabyte_is_accepted()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PrivacyPolicy, DisclosureSamples.Start, content: new string('x', DisclosureDraftValidator.MaxContentBytes));

        Assert.Equal(DisclosureDraftValidator.MaxContentBytes, DisclosureDraftValidator.Validate(DisclosureKinds.PrivacyPolicy, request).Content.Length);
    }

    [Theory]
    [InlineData("2026-03-01T09:00:00Z", "2026-03-01T09:00:00Z")]
    [InlineData("2026-03-01T17:00:00+08:00", "2026-03-01T09:00:00Z")]
    [InlineData("2026-03-01T09:00:00", "2026-03-01T09:00:00Z")]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T09:00:00.1234567Z", "2026-03-01T09:00:00.123Z")]
    public void Effective_dates_are_iso_8601_read_as_utc_to_the_millisecond(string given, string expected)
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.EffectiveFrom = given;

        var effectiveFrom = DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request).Metadata.EffectiveFrom;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), effectiveFrom);
        Assert.Equal(TimeSpan.Zero, effectiveFrom.Offset);
    }

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("03/01/2026")]
    [InlineData("2026-13-01")]
    public void Effective_dates_that_are_not_iso_8601_are_rejected(string given)
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.EffectiveFrom = given;

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request));

        Assert.Equal(["effectiveFrom"], problem.Errors!.Keys.ToArray());
    }

    [Fact]
    public void Assessment_and_filing_fields_are_checked_when_the_blocks_are_given()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.Assessment = new AssessmentRequest { Agency = "A", ReportReference = "R", Conclusion = "PASS", ReportSha256 = "abc" };
        request.Filing = new FilingRequest { Authority = "", Reference = "F", AcceptedAt = "yesterday" };

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request));

        Assert.Equal(
            ["assessment.conclusion", "assessment.reportSha256", "filing.acceptedAt", "filing.authority"],
            problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_valid_assessment_keeps_its_hash_in_lowercase()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.Assessment = new AssessmentRequest { Agency = "A", ReportReference = "R", Conclusion = "pass", ReportSha256 = new string('F', 64) };

        Assert.Equal(new string('f', 64), DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request).Metadata.Assessment!.ReportSha256);
    }

    [Fact]
    public void An_algorithm_block_is_only_for_the_algorithm_strategy()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.AlgorithmStrategy, DisclosureSamples.Start);

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.PrivacyPolicy, request));

        Assert.Equal(["algorithm"], problem.Errors!.Keys.ToArray());
    }

    [Fact]
    public void An_algorithm_draft_may_lack_parameters_and_opt_out_which_the_publish_gate_asks_for()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.AlgorithmStrategy, DisclosureSamples.Start);
        request.Algorithm!.MainParameters = null;
        request.Algorithm.PersonalizationOptOut = null;

        var algorithm = DisclosureDraftValidator.Validate(DisclosureKinds.AlgorithmStrategy, request).Metadata.Algorithm!;

        Assert.Empty(algorithm.MainParameters);
        Assert.False(algorithm.PersonalizationOptOut);
    }

    [Fact]
    public void Algorithm_parameters_need_a_name_and_a_description()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.AlgorithmStrategy, DisclosureSamples.Start);
        request.Algorithm!.MainParameters = [new AlgorithmParameterRequest { Name = "ok", Description = "fine" }, new AlgorithmParameterRequest { Name = "x" }, null];

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.AlgorithmStrategy, request));

        Assert.Equal(["algorithm.mainParameters[1].description", "algorithm.mainParameters[2]"], problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1600-12-31T23:59:59Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("3000-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Dates_outside_sane_bounds_are_400(string date)
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.EffectiveFrom = date;
        request.Filing = new FilingRequest { Authority = "Provincial CAC", Reference = "F-1", AcceptedAt = date };

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request));

        Assert.Equal(400, problem.Status);
        Assert.Equal(["effectiveFrom", "filing.acceptedAt"], problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00Z")]
    [InlineData("2999-12-31T00:00:00Z")]
    public void Dates_at_the_bounds_are_accepted(string date)
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start);
        request.EffectiveFrom = date;

        Assert.Equal(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request).Metadata.EffectiveFrom);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("content")]
    [InlineData("formulationProcedure")]
    [InlineData("adjudicationProcedure")]
    [InlineData("changeSummary")]
    [InlineData("algorithm.name")]
    [InlineData("algorithm.mainParameters[0].description")]
    [InlineData("filing.reference")]
    public void Control_characters_in_text_fields_are_400(string field)
    {
        var request = DisclosureSamples.Request(DisclosureKinds.AlgorithmStrategy, DisclosureSamples.Start);
        request.Filing = new FilingRequest { Authority = "Provincial CAC", Reference = "F-1", AcceptedAt = "2026-01-01" };
        const string bad = "Rules \u0001 with \u001b a control character";
        switch (field)
        {
            case "title": request.Title = bad; break;
            case "content": request.Content = bad; break;
            case "formulationProcedure": request.FormulationProcedure = bad; break;
            case "adjudicationProcedure": request.AdjudicationProcedure = bad; break;
            case "changeSummary": request.ChangeSummary = bad; break;
            case "algorithm.name": request.Algorithm!.Name = bad; break;
            case "algorithm.mainParameters[0].description": request.Algorithm!.MainParameters![0]!.Description = bad; break;
            case "filing.reference": request.Filing.Reference = bad; break;
        }

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(DisclosureKinds.AlgorithmStrategy, request));

        Assert.Equal(400, problem.Status);
        Assert.Equal([field], problem.Errors!.Keys.ToArray());
        Assert.Contains("control characters", problem.Errors[field].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_and_line_breaks_are_allowed_in_text()
    {
        var request = DisclosureSamples.Request(DisclosureKinds.PlatformRules, DisclosureSamples.Start, content: "# Rules\r\n\n\tIndented.\n");
        request.ChangeSummary = "Line one.\nLine two.\tTabbed.";

        var input = DisclosureDraftValidator.Validate(DisclosureKinds.PlatformRules, request);

        Assert.Equal("Line one.\nLine two.\tTabbed.", input.Metadata.ChangeSummary);
    }
}
