using System.Text.Json.Nodes;

namespace Governance.Core.Tests.Infra;

/// <summary>The ARM readers behind the infra tests, and proof that those checks fail on bad templates (no Bicep CLI needed).</summary>
public sealed class InfraInspectorTests
{
    private static ArmTemplate Template(string json) => new(JsonNode.Parse(json)!.AsObject(), "main");

    [Fact]
    public void Expressions_resolve_parameters_variables_format_and_what_a_module_is_passed()
    {
        var main = Template("""
            {
              "parameters": { "days": { "type": "int", "defaultValue": 5 }, "required": { "type": "string" } },
              "variables": {
                "queue": "claims",
                "names": { "storage": "[format('st{0}', variables('queue'))]" },
                "quoted": "[format('it''s {0}-poison', variables('queue'))]",
                "escaped": "[[not an expression]"
              },
              "resources": {
                "storage": {
                  "type": "Microsoft.Resources/deployments",
                  "properties": {
                    "parameters": { "name": { "value": "[variables('names').storage]" }, "unknown": { "value": "[reference('x').outputs.y.value]" } },
                    "template": {
                      "parameters": { "name": { "type": "string" }, "unknown": { "type": "string", "defaultValue": "fallback" } },
                      "variables": { "full": "[concat(parameters('name'), '-', parameters('unknown'))]", "id": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('name'))]" },
                      "resources": []
                    }
                  }
                }
              }
            }
            """);

        Assert.Equal(5L, (long)main.Resolve(JsonValue.Create("[parameters('days')]"))!);
        Assert.Null(main.Resolve(JsonValue.Create("[parameters('required')]")));
        Assert.Equal("it's claims-poison", main.ResolveString(JsonValue.Create("[variables('quoted')]")));
        Assert.Equal("[[not an expression]", main.ResolveString(JsonValue.Create("[variables('escaped')]")));
        var module = Assert.Single(main.Modules).Template;
        Assert.Equal("stclaims", module.ResolveString(JsonValue.Create("[parameters('name')]")));
        Assert.Null(module.ResolveString(JsonValue.Create("[parameters('unknown')]"))); // passed, but unknown before deployment: not the default
        Assert.Null(module.ResolveString(JsonValue.Create("[variables('full')]")));
        Assert.EndsWith("roleDefinitions/stclaims", module.ResolveString(JsonValue.Create("[variables('id')]")), StringComparison.Ordinal);
    }

    [Fact]
    public void Role_assignment_check_reports_unknown_and_unresolvable_roles()
    {
        var main = Template("""
            {
              "parameters": { "roleFromCaller": { "type": "string" } },
              "variables": { "roles": { "reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7" } },
              "resources": [
                { "type": "Microsoft.Authorization/roleAssignments", "name": "a",
                  "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').reader)]" } },
                { "type": "Microsoft.Authorization/roleAssignments", "name": "b",
                  "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6" } },
                { "type": "Microsoft.Authorization/roleAssignments", "name": "c",
                  "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleFromCaller'))]" } }
              ]
            }
            """);

        var roles = new InfraInspector(main).RoleAssignments().Select(a => a.RoleId).ToList();

        Assert.Equal(["acdd72a7-3385-48ef-bd42-f606fba81ae7", "4633458b-17de-408a-b874-0445c86b69e6", null], roles);
    }

    [Fact]
    public void Store_and_setting_checks_report_what_the_module_does_not_create()
    {
        var main = Template("""
            {
              "variables": { "tableNames": [ "Claims" ] },
              "resources": {
                "storage": { "type": "Microsoft.Resources/deployments", "properties": {
                  "parameters": { "tableNames": { "value": "[variables('tableNames')]" }, "queueNames": { "value": [ "claims" ] }, "blobContainers": { "value": [] } },
                  "template": {
                    "parameters": { "tableNames": { "type": "array" }, "queueNames": { "type": "array" }, "blobContainers": { "type": "array" } },
                    "resources": { "queues": { "type": "Microsoft.Storage/storageAccounts/queueServices/queues",
                      "copy": { "name": "queues", "count": "[length(parameters('queueNames'))]" },
                      "name": "[format('{0}/{1}/{2}', 'st', 'default', parameters('queueNames')[copyIndex()])]" } } } } },
                "functionApp": { "type": "Microsoft.Resources/deployments", "properties": {
                  "parameters": { "appSettings": { "value": { "OnlyOne": "x" } } },
                  "template": { "parameters": { "appSettings": { "type": "object" } }, "resources": {} } } }
              }
            }
            """);
        var infra = new InfraInspector(main);
        var problems = new List<string>();

        Assert.Equal(["claims"], infra.Queues(problems));
        Assert.Empty(problems);
        Assert.Equal(["Claims"], infra.Tables(problems));
        Assert.Contains(problems, p => p.Contains("tableServices/tables", StringComparison.Ordinal));
        problems.Clear();
        Assert.Equal(["OnlyOne"], infra.AppSettings(problems).Select(p => p.Key));
        Assert.Contains(problems, p => p.Contains("appsettings", StringComparison.Ordinal));
        problems.Clear();
        Assert.Empty(infra.Containers(problems));
        Assert.Contains(problems, p => p.Contains("immutabilityPolicies", StringComparison.Ordinal));
    }
}
