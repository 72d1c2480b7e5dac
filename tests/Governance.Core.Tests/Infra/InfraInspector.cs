using Governance.Core.Tests.Infra.Bicep;

namespace Governance.Core.Tests.Infra;

/// <summary>
/// Reads from main.bicep and its modules what the deployment creates: the function app's settings, the
/// storage the storage module creates, and the role of every role assignment. Each reader also reports
/// why it could not tell (a wiring it does not recognise), so a refactoring fails loudly instead of passing.
/// </summary>
internal sealed class InfraInspector(BicepDocument main, Func<string, BicepDocument> loadModule)
{
    public const string FunctionAppModule = "function-app.bicep";
    public const string StorageModule = "storage.bicep";

    private const string TablesType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string ContainersType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string QueuesType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string ImmutabilityType = "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies";
    private static readonly string[] ResourceIdFunctions = ["subscriptionResourceId", "tenantResourceId", "resourceId", "extensionResourceId"];

    public static InfraInspector ForRepository() => new(InfraFiles.LoadMain(), InfraFiles.Module);

    public BicepDocument Main => main;

    /// <summary>The object main.bicep passes as the function app's settings, checked to be what the module deploys.</summary>
    public BicepObject AppSettings(List<string> problems)
    {
        var (parameters, module) = ModuleCall(FunctionAppModule, problems);
        var settings = parameters?["appSettings"] is { } node ? main.Evaluate(node) as BicepObject : null;
        if (settings is null)
        {
            problems.Add($"main.bicep: the {FunctionAppModule} module's 'appSettings' is not an object literal or a var holding one.");
            return new BicepObject([], [], 0);
        }

        var deploysSettings = module?.AllResources().Any(r =>
            r.Resource.Type == "Microsoft.Web/sites/config"
            && module.Evaluate(r.Body["name"]!) as string == "appsettings"
            && r.Body["properties"] is BicepReference { Path: ["appSettings"] }) == true;
        if (module is not null && !deploysSettings)
        {
            problems.Add($"{FunctionAppModule}: no 'Microsoft.Web/sites/config' resource named 'appsettings' with properties: appSettings.");
        }

        return settings;
    }

    public IReadOnlyList<string> Tables(List<string> problems)
        => StoreNames("tableNames", TablesType, itemIsObject: false, problems).Select(n => main.Evaluate(n) as string ?? Unknown(n, problems)).ToList();

    public IReadOnlyList<string> Queues(List<string> problems)
        => StoreNames("queueNames", QueuesType, itemIsObject: false, problems).Select(n => main.Evaluate(n) as string ?? Unknown(n, problems)).ToList();

    /// <summary>Blob containers by name, with the immutability period main.bicep gives each (null: none).</summary>
    public IReadOnlyList<(string Name, BicepNode? ImmutabilityDays)> Containers(List<string> problems)
    {
        var containers = new List<(string, BicepNode?)>();
        foreach (var node in StoreNames("blobContainers", ContainersType, itemIsObject: true, problems))
        {
            if (main.Evaluate(node) is BicepObject container && container["name"] is { } name && main.Evaluate(name) is string text)
            {
                containers.Add((text, container["immutabilityPeriodInDays"]));
            }
            else
            {
                problems.Add($"main.bicep line {node.Line}: a blob container without a literal name.");
            }
        }

        var (_, module) = ModuleCall(StorageModule, []);
        if (module is not null && LoopOver(module, ImmutabilityType, "blobContainers") is null)
        {
            problems.Add($"{StorageModule}: no '{ImmutabilityType}' loop over param 'blobContainers'.");
        }

        return containers;
    }

    /// <summary>The role definition GUID of every role assignment in the given files, or why it is unknown.</summary>
    public static IEnumerable<(string Where, string? RoleId)> RoleAssignments(IEnumerable<BicepDocument> documents)
    {
        foreach (var document in documents)
        {
            foreach (var (resource, body) in document.AllResources().Where(r => r.Resource.Type == "Microsoft.Authorization/roleAssignments"))
            {
                var roleDefinitionId = (body["properties"] as BicepObject)?["roleDefinitionId"];
                yield return ($"{document.Name} resource '{resource.Symbol}' (line {resource.Line})", roleDefinitionId is null ? null : RoleId(document, roleDefinitionId));
            }
        }
    }

    private static string? RoleId(BicepDocument document, BicepNode roleDefinitionId)
    {
        if (document.Evaluate(roleDefinitionId) is string literal)
        {
            return literal.Split('/')[^1];
        }

        // subscriptionResourceId('Microsoft.Authorization/roleDefinitions', <guid>) and the like.
        if (roleDefinitionId is not BicepExpression { Tokens: [var function, var open, .., var close] } call
            || !ResourceIdFunctions.Contains(function.Text) || !open.Is("(") || !close.Is(")"))
        {
            return null;
        }

        var arguments = SplitArguments(call.Tokens.Skip(2).SkipLast(1).ToList());
        var names = arguments.Select(a => document.Evaluate(BicepParser.ParseExpression(a)) as string).ToList();
        return names.Contains("Microsoft.Authorization/roleDefinitions") ? names[^1] : null;
    }

    private static List<List<Token>> SplitArguments(List<Token> tokens)
    {
        var arguments = new List<List<Token>> { new() };
        var depth = 0;
        foreach (var token in tokens.Where(t => t.Kind != TokenKind.NewLine))
        {
            depth += token.Is("(") || token.Is("[") || token.Is("{") ? 1 : token.Is(")") || token.Is("]") || token.Is("}") ? -1 : 0;
            if (depth == 0 && token.Is(","))
            {
                arguments.Add([]);
            }
            else
            {
                arguments[^1].Add(token);
            }
        }

        return arguments;
    }

    /// <summary>The items main.bicep passes to the storage module's <paramref name="parameter"/>, checked to be what the module loops over.</summary>
    private IReadOnlyList<BicepNode> StoreNames(string parameter, string resourceType, bool itemIsObject, List<string> problems)
    {
        var (parameters, module) = ModuleCall(StorageModule, problems);
        if (parameters?[parameter] is not { } node || main.Evaluate(node) is not BicepArray array)
        {
            problems.Add($"main.bicep: the {StorageModule} module's '{parameter}' is not an array literal or a var holding one.");
            return [];
        }

        if (module is not null)
        {
            var loop = LoopOver(module, resourceType, parameter);
            var name = loop is null ? null : BicepDocument.Unwrap(loop.Body)?["name"];
            string[] expectedName = itemIsObject ? [loop?.ItemName ?? "", "name"] : [loop?.ItemName ?? ""];
            if (name is not BicepReference reference || !reference.Path.SequenceEqual(expectedName))
            {
                problems.Add($"{StorageModule}: no '{resourceType}' loop over param '{parameter}' named '{string.Join('.', expectedName)}'.");
            }
        }

        return array.Items;
    }

    private static BicepFor? LoopOver(BicepDocument module, string resourceType, string parameter)
        => module.Resources
            .Where(r => r.Type == resourceType)
            .Select(r => r.Body as BicepFor)
            .FirstOrDefault(f => f?.Collection is BicepReference reference && reference.Path.SequenceEqual([parameter]));

    private (BicepObject? Parameters, BicepDocument? Module) ModuleCall(string moduleFile, List<string> problems)
    {
        var calls = main.Modules.Values.Where(m => Path.GetFileName(m.Path) == moduleFile).ToList();
        if (calls.Count != 1)
        {
            problems.Add($"main.bicep: expected one module '{moduleFile}', found {calls.Count}.");
            return (null, null);
        }

        var body = BicepDocument.Unwrap(calls[0].Body);
        return (body?["params"] as BicepObject, loadModule(calls[0].Path));
    }

    private static string Unknown(BicepNode node, List<string> problems)
    {
        problems.Add($"main.bicep line {node.Line}: a store name that is not known before deployment.");
        return "";
    }
}
