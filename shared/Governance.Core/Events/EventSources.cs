namespace Governance.Core.Events;

/// <summary>CloudEvents <c>source</c> values: <c>/governance/{duty}</c>.</summary>
public static class EventSources
{
    public const string Prefix = "/governance/";

    public const string Disclosures = Prefix + "disclosures";
    public const string Onboarding = Prefix + "onboarding";
    public const string Apps = Prefix + "apps";
    public const string Claims = Prefix + "claims";
    public const string Pricing = Prefix + "pricing";
    public const string Incidents = Prefix + "incidents";
}
