using Governance.Core.Compliance;
using Governance.Core.Compliance.Filings;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Compliance;

public sealed class FilingDutiesTests
{
    private static readonly DateTimeOffset OccursAt = new(2027, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string> Duties(string profile, string kind, bool security = false, bool important = false, long individuals = 0, bool large = false)
        => FilingDuties.Decide(kind, OccursAt, new FilingBasis(security, important, individuals > 0, individuals, large), PolicyProfileLoader.LoadEmbedded(profile))
            .Select(d => d.Duty).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("cn-2021-draft", "cybersecurity_review")]
    [InlineData("cn-2025", "national_security_review")]
    public void Mergers_reorganizations_and_divisions_affecting_national_security_need_a_review_before_they_take_effect(string profile, string review)
    {
        foreach (var kind in new[] { FilingKinds.Merger, FilingKinds.Reorganization, FilingKinds.Division })
        {
            Assert.Equal([review], Duties(profile, kind, security: true));
            Assert.Empty(Duties(profile, kind));
        }

        var due = FilingDuties.Decide(FilingKinds.Merger, OccursAt, new FilingBasis(true, false, false, 0, false), PolicyProfileLoader.LoadEmbedded(profile)).Single().DueAt;
        Assert.Equal(OccursAt, due);
    }

    [Fact]
    public void A_foreign_listing_needs_a_cybersecurity_review_from_one_million_people_in_the_draft_and_above_one_million_in_force()
    {
        Assert.Equal(["cybersecurity_review"], Duties("cn-2021-draft", FilingKinds.ForeignListing, individuals: 1_000_000));
        Assert.Empty(Duties("cn-2021-draft", FilingKinds.ForeignListing, individuals: 999_999));
        Assert.Empty(Duties("cn-2025", FilingKinds.ForeignListing, individuals: 1_000_000));
        Assert.Equal(["cybersecurity_review"], Duties("cn-2025", FilingKinds.ForeignListing, individuals: 1_000_001));
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void A_hong_kong_listing_needs_a_review_only_when_it_affects_national_security_and_an_overseas_centre_a_report_only_from_a_large_platform(string profile)
    {
        Assert.Single(Duties(profile, FilingKinds.HongKongListing, security: true, individuals: 5_000_000));
        Assert.Empty(Duties(profile, FilingKinds.HongKongListing, individuals: 5_000_000));
        Assert.Equal(["overseas_centre_report"], Duties(profile, FilingKinds.OverseasCentre, large: true));
        Assert.Empty(Duties(profile, FilingKinds.OverseasCentre));
        Assert.Null(FilingDuties.Decide(FilingKinds.OverseasCentre, OccursAt, new FilingBasis(false, false, false, 0, true), PolicyProfileLoader.LoadEmbedded(profile)).Single().DueAt);
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void A_dissolution_always_needs_a_disposal_plan_and_with_data_held_the_reports_and_notices(string profile)
    {
        Assert.Equal(["data_disposal_plan"], Duties(profile, FilingKinds.Dissolution));
        Assert.Equal(["data_disposal_plan", "important_data_disposal_report", "notify_individuals_of_recipient"], Duties(profile, FilingKinds.Dissolution, important: true, individuals: 10));
    }

    [Fact]
    public void Under_the_final_text_a_reorganization_carries_no_important_data_disposal_report()
    {
        Assert.Equal(["notify_individuals_of_recipient"], Duties("cn-2025", FilingKinds.Reorganization, important: true, individuals: 1));
        Assert.Equal(["important_data_disposal_report", "notify_individuals_of_recipient"], Duties("cn-2021-draft", FilingKinds.Reorganization, important: true, individuals: 1));
    }

    [Fact]
    public void A_duty_is_open_then_overdue_past_its_due_date_unless_done()
    {
        var duty = new FilingDuty("d", "a", OccursAt, "r", "c");
        Assert.Equal(FilingDutyStatuses.Open, FilingDuties.Status(duty, OccursAt));
        Assert.Equal(FilingDutyStatuses.Overdue, FilingDuties.Status(duty, OccursAt.AddTicks(1)));
        Assert.Equal(FilingDutyStatuses.Done, FilingDuties.Status(duty with { DoneAt = OccursAt.AddDays(2) }, OccursAt.AddDays(3)));
        Assert.Equal(FilingDutyStatuses.Open, FilingDuties.Status(duty with { DueAt = null }, OccursAt.AddYears(5)));
    }
}
