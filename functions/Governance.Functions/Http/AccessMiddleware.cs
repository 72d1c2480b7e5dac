using System.Collections.Frozen;
using Governance.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Governance.Functions.Http;

/// <summary>
/// Worker middleware: runs <see cref="AccessGate"/> before every HTTP function, finding the function's declaration
/// from its entry point in the same reflection catalog the local host serves from. A refusal is thrown as a
/// problem for <see cref="ProblemDetailsMiddleware"/> (registered before this one) to write.
/// </summary>
public sealed class AccessMiddleware(AccessGate gate) : IFunctionsWorkerMiddleware
{
    private static readonly Lazy<FrozenDictionary<string, FunctionDescriptor>> ByEntryPoint = new(() =>
        FunctionCatalog.Discover(typeof(AccessMiddleware).Assembly).ToFrozenDictionary(EntryPoint, StringComparer.Ordinal));

    /// <summary>How the worker SDK names a function's method: <c>Namespace.Type.Method</c>.</summary>
    public static string EntryPoint(FunctionDescriptor function) => $"{function.Method.DeclaringType!.FullName}.{function.Method.Name}";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } httpContext)
        {
            var entryPoint = context.FunctionDefinition.EntryPoint;
            var function = ByEntryPoint.Value.GetValueOrDefault(entryPoint)
                ?? throw new InvalidOperationException($"The HTTP function at '{entryPoint}' is not in the function catalog; it is not served.");
            await gate.AdmitAsync(httpContext.Request, function, httpContext.RequestAborted);
        }

        await next(context);
    }
}
