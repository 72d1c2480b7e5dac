using System.Reflection;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.LocalHost.Invocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace Governance.LocalHost.Http;

/// <summary>Serves each HTTP-triggered function on its route and methods, binding parameters as the worker does.</summary>
public static class HttpFunctionEndpoints
{
    /// <summary>
    /// Maps one function. <paramref name="order"/> is the function's rank by name: the Functions host tries HTTP
    /// routes in function-name order, not ASP.NET's literal-before-parameter precedence (azure-functions-host#9876),
    /// so <c>items/{id}</c> in a function named before <c>items/recent</c>'s captures "recent". Serving the same
    /// order locally makes tests fail where Azure would route differently.
    /// </summary>
    public static ServedFunction Map(IEndpointRouteBuilder endpoints, FunctionDescriptor function, string routePrefix, int order)
    {
        var pattern = "/" + string.Join('/', new[] { routePrefix, function.EffectiveRoute }.Where(s => s.Length > 0));
        RequestDelegate handler = context => InvokeAsync(function, context);
        var builder = function.HttpMethods is { Count: > 0 } methods
            ? endpoints.MapMethods(pattern, methods, handler)
            : endpoints.Map(pattern, handler);
        builder.WithName(function.Name).WithOrder(order);
        return ServedFunction.Http(function, pattern);
    }

    private static async Task InvokeAsync(FunctionDescriptor function, HttpContext context)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var logger = context.RequestServices.GetRequiredService<ILogger<FunctionInvoker>>();
        object? result;
        try
        {
            // The same gate the worker runs in AccessMiddleware: the function's [Access] declaration, before it runs.
            await context.RequestServices.GetRequiredService<AccessGate>().AdmitAsync(context.Request, function, context.RequestAborted);
            result = await invoker.InvokeAsync(
                function,
                context.RequestServices,
                parameter => BindAsync(parameter, function, context),
                $"{context.Request.Method} {context.Request.Path}");
        }
        catch (Exception ex)
        {
            await HttpErrorMapper.ToProblem(ex, context, logger).ExecuteAsync(context);
            return;
        }

        await WriteResultAsync(result, context);
    }

    private static async ValueTask<object?> BindAsync(ParameterInfo parameter, FunctionDescriptor function, HttpContext context)
    {
        var type = parameter.ParameterType;
        if (parameter == function.TriggerParameter || type == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (type == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            var bytes = await RequestBody.ReadBytesAsync(context.Request, RequestBody.DefaultLimitBytes, requireJson: false, context.RequestAborted);
            return type == typeof(string)
                ? System.Text.Encoding.UTF8.GetString(bytes)
                : typeof(RequestBody).GetMethod(nameof(RequestBody.ParseJson))!.MakeGenericMethod(type).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [new ReadOnlyMemory<byte>(bytes)], null);
        }

        var name = parameter.Name ?? string.Empty;
        if (context.Request.RouteValues.TryGetValue(name, out var routeValue))
        {
            return ParameterBinding.ConvertString(routeValue?.ToString(), type);
        }

        if (context.Request.Query.TryGetValue(name, out var queryValue))
        {
            return ParameterBinding.ConvertString(queryValue.ToString(), type);
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (type == typeof(string) || Nullable.GetUnderlyingType(type) is not null)
        {
            return null;
        }

        throw ParameterBinding.Unbindable(parameter);
    }

    private static async Task WriteResultAsync(object? result, HttpContext context)
    {
        switch (result)
        {
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await new ObjectResult(result).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
        }
    }
}
