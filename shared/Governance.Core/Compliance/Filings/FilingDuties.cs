using Governance.Core.Policies;

namespace Governance.Core.Compliance.Filings;

/// <summary>
/// The filing duty rules of the active profile, pure: for an event of a kind on a date and what it was decided on,
/// every duty whose condition holds, with its authority, due date (days before the event, or none) and rule.
/// </summary>
public static class FilingDuties
{
    public static IReadOnlyList<FilingDuty> Decide(string kind, DateTimeOffset occursAt, FilingBasis basis, PolicyProfile profile)
        => profile.Compliance.Filings.Duties
            .Where(d => d.Kinds.Contains(kind) && Holds(d.When, basis))
            .Select(d =>
            {
                var rule = profile.Rule(d.RuleId);
                return new FilingDuty(d.Duty, d.Authority, d.DueDaysBeforeEvent is { } days ? occursAt.AddDays(-days) : null, rule.Id, rule.Citation);
            })
            .ToList();

    public static bool Holds(FilingCondition when, FilingBasis basis)
        => (when.AffectsNationalSecurity is not { } security || security == basis.AffectsNationalSecurity)
            && (when.ImportantDataHeld is not { } important || important == basis.ImportantDataHeld)
            && (when.PersonalInformationHeld is not { } held || held == basis.PersonalInformationHeld)
            && (when.IndividualsAbove is not { } above || basis.IndividualsWithPersonalInformation > above)
            && (when.IndividualsAtLeast is not { } least || basis.IndividualsWithPersonalInformation >= least)
            && (when.LargePlatform is not { } large || large == basis.LargePlatform);

    public static string Status(FilingDuty duty, DateTimeOffset now)
        => duty.DoneAt is not null ? FilingDutyStatuses.Done
            : duty.DueAt is { } due && now > due ? FilingDutyStatuses.Overdue
            : FilingDutyStatuses.Open;

    public static FilingDutyView View(FilingDuty d, DateTimeOffset now) => new(d.Duty, d.Authority, d.DueAt, d.Rule, d.Citation, Status(d, now), d.DoneAt, d.Reference);
}
