using System.Diagnostics;
using System.Reflection;
using Governance.Functions.Hosting;

namespace Governance.LocalHost.Invocation;

/// <summary>
/// Runs one invocation of a function: a new instance of its class from the scope's services (as the worker
/// does), the bound arguments, and the awaited result; logs it like Core Tools.
/// </summary>
public sealed class FunctionInvoker(ILogger<FunctionInvoker> logger)
{
    public async Task<object?> InvokeAsync(
        FunctionDescriptor function,
        IServiceProvider services,
        Func<ParameterInfo, ValueTask<object?>> bind,
        string reason,
        Func<object?, string>? describeOutcome = null)
    {
        var id = Guid.NewGuid();
        var stopwatch = Stopwatch.StartNew();
        logger.LogInformation("Executing 'Functions.{Function}' ({Trigger}: {Reason}, Id={InvocationId})", function.Name, function.Trigger, reason, id);
        object? instance = null;
        try
        {
            var parameters = function.Method.GetParameters();
            var arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = await bind(parameters[i]);
            }

            instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Method.DeclaringType!);
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            var result = await UnwrapAsync(returned);
            logger.LogInformation("Executed 'Functions.{Function}' (Succeeded{Outcome}, Id={InvocationId}, Duration={Duration}ms)",
                function.Name, describeOutcome is null ? string.Empty : ", " + describeOutcome(result), id, stopwatch.ElapsedMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            logger.LogWarning("Executed 'Functions.{Function}' (Failed, Id={InvocationId}, Duration={Duration}ms): {Error}",
                function.Name, id, stopwatch.ElapsedMilliseconds, ex.GetType().Name + ": " + ex.Message);
            throw;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
                    ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
