using System.Text.Json.Nodes;

namespace Governance.Core.Tests.Infra;

/// <summary>
/// Reads from the ARM JSON of main.bicep what the deployment creates: the function app's settings, the storage the
/// storage module creates, and the role of every role assignment. Each reader also reports why it could not tell
/// (a wiring it does not recognise), so a refactoring of the Bicep fails loudly instead of passing.
/// </summary>
internal sealed class InfraInspector(ArmTemplate main)
{
    public const string FunctionAppModule = "functionApp";
    public const string StorageModule = "storage";

    private const string TablesType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string ContainersType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string QueuesType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string ImmutabilityType = "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies";

    public static InfraInspector ForRepository() => new(new ArmTemplate(BicepCli.MainOrSkip(), "main"));

    public ArmTemplate Main => main;

    /// <summary>The object main passes as the function app's settings, checked to be what the module deploys.</summary>
    public JsonObject AppSettings(List<string> problems)
    {
        var module = Module(FunctionAppModule, problems);
        if (module?.Deployment["properties"]?["parameters"]?["appSettings"]?["value"] is not JsonObject settings)
        {
            problems.Add($"main: the {FunctionAppModule} module is not passed an 'appSettings' object.");
            return [];
        }

        var deploysSettings = module.Value.Template.Resources.Any(r =>
            (string?)r.Resource["type"] == "Microsoft.Web/sites/config"
            && ((string?)r.Resource["name"])?.EndsWith("'appsettings')]", StringComparison.Ordinal) == true
            && (string?)r.Resource["properties"] == "[parameters('appSettings')]");
        if (!deploysSettings)
        {
            problems.Add($"{FunctionAppModule}: no 'Microsoft.Web/sites/config' resource named 'appsettings' with properties: appSettings.");
        }

        return settings;
    }

    /// <summary>The value main gives a setting, where it is known before deployment.</summary>
    public string? Value(JsonObject settings, string name) => main.ResolveString(settings[name]);

    public IReadOnlyList<string> Tables(List<string> problems)
        => StoreItems("tableNames", TablesType, "parameters('tableNames')[copyIndex()]", problems).Select(n => Text(n, problems)).ToList();

    public IReadOnlyList<string> Queues(List<string> problems)
        => StoreItems("queueNames", QueuesType, "parameters('queueNames')[copyIndex()]", problems).Select(n => Text(n, problems)).ToList();

    /// <summary>Blob containers by name, with the immutability period main gives each (null: none).</summary>
    public IReadOnlyList<(string Name, JsonNode? ImmutabilityDays)> Containers(List<string> problems)
    {
        var containers = new List<(string, JsonNode?)>();
        foreach (var item in StoreItems("blobContainers", ContainersType, "parameters('blobContainers')[copyIndex()].name", problems))
        {
            if (item is JsonObject container && main.ResolveString(container["name"]) is { } name)
            {
                containers.Add((name, container["immutabilityPeriodInDays"]));
            }
            else
            {
                problems.Add($"main: a blob container without a name known before deployment: {item}.");
            }
        }

        if (Module(StorageModule, []) is { } storage && LoopOver(storage.Template, ImmutabilityType, "blobContainers") is null)
        {
            problems.Add($"{StorageModule}: no '{ImmutabilityType}' loop over param 'blobContainers'.");
        }

        return containers;
    }

    /// <summary>The role definition GUID of every role assignment in main and its modules, or null where it is unknown.</summary>
    public IEnumerable<(string Where, string? RoleId)> RoleAssignments()
        => main.AllResources()
            .Where(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(r => ($"{r.Template.Name} resource '{r.Symbol}'", RoleId(r.Template.ResolveString(r.Resource["properties"]?["roleDefinitionId"]))));

    private static string? RoleId(string? roleDefinitionId)
        => roleDefinitionId?.Contains("Microsoft.Authorization/roleDefinitions/", StringComparison.Ordinal) == true
            && Guid.TryParse(roleDefinitionId.Split('/')[^1], out _) ? roleDefinitionId.Split('/')[^1] : null;

    /// <summary>
    /// The items main passes to the storage module's <paramref name="parameter"/>, checked to be what the module
    /// creates one <paramref name="resourceType"/> of each, named by <paramref name="nameReference"/>.
    /// </summary>
    private IReadOnlyList<JsonNode?> StoreItems(string parameter, string resourceType, string nameReference, List<string> problems)
    {
        var module = Module(StorageModule, problems);
        if (module is null)
        {
            return [];
        }

        if (module.Value.Template.Parameters[parameter] is null || main.Resolve(module.Value.Deployment["properties"]?["parameters"]?[parameter]?["value"]?.DeepClone()) is not JsonArray items)
        {
            problems.Add($"main: the {StorageModule} module's '{parameter}' is not an array known before deployment.");
            return [];
        }

        var loop = LoopOver(module.Value.Template, resourceType, parameter);
        if (loop is null || ((string?)loop["name"])?.Contains(nameReference, StringComparison.Ordinal) != true)
        {
            problems.Add($"{StorageModule}: no '{resourceType}' loop over param '{parameter}' named by {nameReference}.");
        }

        return [.. items];
    }

    private static JsonObject? LoopOver(ArmTemplate module, string resourceType, string parameter)
        => module.Resources.Select(r => r.Resource).FirstOrDefault(r =>
            (string?)r["type"] == resourceType && (string?)r["copy"]?["count"] == $"[length(parameters('{parameter}'))]");

    private (JsonObject Deployment, ArmTemplate Template)? Module(string symbol, List<string> problems)
    {
        var modules = main.Modules.Where(m => m.Symbol == symbol).ToList();
        if (modules.Count != 1)
        {
            problems.Add($"main: expected one module '{symbol}', found {modules.Count}.");
            return null;
        }

        return (modules[0].Deployment, modules[0].Template);
    }

    private string Text(JsonNode? node, List<string> problems)
    {
        if (main.ResolveString(node) is { } text)
        {
            return text;
        }

        problems.Add($"main: a store name that is not known before deployment: {node}.");
        return "";
    }
}
