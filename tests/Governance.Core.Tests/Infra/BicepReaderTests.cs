using Governance.Core.Tests.Infra.Bicep;

namespace Governance.Core.Tests.Infra;

/// <summary>The Bicep reader behind the infra tests, and proof that those checks fail on bad templates.</summary>
public sealed class BicepReaderTests
{
    [Fact]
    public void Reads_params_vars_objects_arrays_and_interpolation()
    {
        var document = BicepDocument.Parse("""
            targetScope = 'subscription'
            import { thing } from 'types.bicep'

            @description('Days, with a \'quote\'.')
            @minValue(3)
            param days int = 5 // trailing comment

            /* block
               comment */
            param required string
            var queue = 'claims'
            var settings = {
              A__b: 'x'
              'quoted-name': '${queue}-poison'
              Days: days
              Call: toLower(required)
              nested: { inner: [1, 'two'] }
            }
            """);

        Assert.Equal(["days", "required"], document.Parameters.Keys);
        Assert.Equal(5L, document.Evaluate(document.Parameters["days"].DefaultValue!));
        Assert.Equal("3", Assert.Single(document.Parameters["days"].Decorator("minValue")!.Arguments).Text);
        Assert.Null(document.Parameters["required"].DefaultValue);
        var settings = Assert.IsType<BicepObject>(document.Evaluate(document.Variables["settings"].Value));
        Assert.Equal(["A__b", "quoted-name", "Days", "Call", "nested"], settings.Properties.Select(p => p.Name));
        Assert.Equal("claims-poison", document.Evaluate(settings["quoted-name"]!));
        Assert.Equal(5L, document.Evaluate(settings["Days"]!));
        Assert.IsType<BicepExpression>(settings["Call"]);
        Assert.Null(document.Evaluate(settings["Call"]!));
        var inner = Assert.IsType<BicepArray>(Assert.IsType<BicepObject>(settings["nested"])["inner"]);
        Assert.Equal([1L, "two"], inner.Items.Select(document.Evaluate));
    }

    [Fact]
    public void Reads_resource_loops_conditions_and_nested_resources()
    {
        var document = BicepDocument.Parse("""
            param names string[]
            resource account 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
              name: 'st'
              resource queueService 'queueServices' = {
                name: 'default'
              }
            }
            resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [
              for (queueName, i) in names: if (i > 0) {
                parent: account::queueService
                name: queueName
              }
            ]
            """);

        var loop = Assert.IsType<BicepFor>(document.Resources[1].Body);
        Assert.Equal(("queueName", "i"), (loop.ItemName, loop.IndexName));
        Assert.Equal(["names"], Assert.IsType<BicepReference>(loop.Collection).Path);
        Assert.IsType<BicepCondition>(loop.Body);
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/queueServices/queues", "queueServices"],
            document.AllResources().Select(r => r.Resource.Type).Order(StringComparer.Ordinal));
        Assert.True(document.Resources[0].Existing);
        Assert.Equal("2026-09-01", document.Resources[1].ApiVersion);
    }

    [Theory]
    [InlineData("resource x 'Microsoft.Web/sites@2025-03-01' = {\n  name: 'x'\n")]
    [InlineData("var s = 'unterminated\n")]
    [InlineData("frobnicate x = 1\n")]
    public void Malformed_or_unknown_statements_are_errors_not_skipped(string source)
        => Assert.Throws<FormatException>(() => BicepDocument.Parse(source));

    [Fact]
    public void Role_assignment_check_reports_unknown_and_unresolvable_roles()
    {
        var document = BicepDocument.Parse("""
            param roleFromCaller string
            var roles = {
              reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
            }
            resource viaVar 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
              name: guid('a')
              properties: {
                roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.reader)
                principalId: 'p'
              }
            }
            resource viaLiteral 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
              name: guid('b')
              properties: {
                roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6'
                principalId: 'p'
              }
            }
            resource viaParam 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
              name: guid('c')
              properties: {
                roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleFromCaller)
                principalId: 'p'
              }
            }
            """);

        var roles = InfraInspector.RoleAssignments([document]).Select(a => a.RoleId).ToList();

        Assert.Equal(["acdd72a7-3385-48ef-bd42-f606fba81ae7", "4633458b-17de-408a-b874-0445c86b69e6", null], roles);
    }

    [Fact]
    public void Store_and_setting_checks_report_what_the_module_does_not_create()
    {
        var main = BicepDocument.Parse("""
            var tableNames = ['Claims']
            module storage 'modules/storage.bicep' = {
              params: {
                tableNames: tableNames
                queueNames: ['claims']
                blobContainers: []
              }
            }
            module app 'modules/function-app.bicep' = {
              params: {
                appSettings: { OnlyOne: 'x' }
              }
            }
            """);
        var storageIgnoringTables = BicepDocument.Parse("""
            param tableNames string[]
            param queueNames string[]
            resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [for q in queueNames: { name: q }]
            """);
        var appWithoutSettings = BicepDocument.Parse("param appSettings object\n");
        var infra = new InfraInspector(main, path => path.EndsWith("storage.bicep", StringComparison.Ordinal) ? storageIgnoringTables : appWithoutSettings);
        var problems = new List<string>();

        Assert.Equal(["claims"], infra.Queues(problems));
        Assert.Empty(problems);
        Assert.Equal(["Claims"], infra.Tables(problems));
        Assert.Contains(problems, p => p.Contains("tableServices/tables", StringComparison.Ordinal));
        problems.Clear();
        Assert.Equal(["OnlyOne"], infra.AppSettings(problems).Properties.Select(p => p.Name));
        Assert.Contains(problems, p => p.Contains("appsettings", StringComparison.Ordinal));
    }
}
