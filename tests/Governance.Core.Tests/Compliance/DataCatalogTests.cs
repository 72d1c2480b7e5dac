using Governance.Core.Audit;
using Governance.Core.Compliance.Catalog;

namespace Governance.Core.Tests.Compliance;

public sealed class DataCatalogTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = AuditActor.Staff("op", "operator");

    private static DataAsset Asset(string classification, long? individuals = null, string name = "Orders", params string[] sensitive)
        => new("ast_" + new string('d', 32), name, "owner", null, classification, individuals is { } n ? new PersonalInformation(n) : null, sensitive, "CN", At, "op", At, "op", new string('d', 32), 1);

    [Fact]
    public void Adding_and_revising_assets_keeps_the_running_totals_and_the_name_rows_in_the_same_change()
    {
        var added = DataCatalog.Empty.Add(Asset("general", 500, "Orders", "health"), Actor);
        Assert.Equal(new CatalogTotals(1, 1, 0, 0, 1, 500, 1, 500), added.State.Totals);
        Assert.Contains(added.Children, c => c is NameClaim { NameKey: "orders" });

        var revised = added.State.Revise(Asset("general", 500, "Orders", "health"), Asset("core", 200, " Orders 2 ") with { Version = 2 }, Actor)!;
        Assert.Equal(new CatalogTotals(1, 0, 0, 1, 1, 200, 0, 0), revised.State.Totals);
        Assert.True(revised.State.Totals.ImportantDataHeld);
        Assert.Contains(revised.Children, c => c is NameRelease { NameKey: "orders" });
        Assert.Contains(revised.Children, c => c is NameClaim { NameKey: "orders 2" });
    }

    [Fact]
    public void Only_a_raised_classification_owes_the_reclassification_follow_up()
    {
        var catalog = DataCatalog.Empty.Add(Asset("important"), Actor).State;

        var raised = catalog.Revise(Asset("important"), Asset("core") with { Version = 2 }, Actor)!;
        var work = Assert.Single(raised.FollowUps, f => f.Type == ReclassificationFollowUp.Type).Read<Reclassification>();
        Assert.Equal("asset:" + new string('d', 32).Insert(0, "ast_") + ":core", work.Source);
        Assert.Equal("important", work.From);

        Assert.DoesNotContain(catalog.Revise(Asset("important"), Asset("general") with { Version = 2 }, Actor)!.FollowUps, f => f.Type == ReclassificationFollowUp.Type);
        Assert.DoesNotContain(catalog.Revise(Asset("important"), Asset("important", 5) with { Version = 2 }, Actor)!.FollowUps, f => f.Type == ReclassificationFollowUp.Type);
        Assert.Null(catalog.Revise(Asset("important"), Asset("important") with { Version = 2 }, Actor));
    }
}
