using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Governance.LocalHost.Invocation;

/// <summary>Conversions shared by the trigger bindings: binding-data strings to parameter types.</summary>
public static class ParameterBinding
{
    public static object? ConvertString(string? value, Type targetType)
    {
        if (value is null)
        {
            return targetType.IsValueType ? Activator.CreateInstance(targetType) : null;
        }

        var underlying = Nullable.GetUnderlyingType(targetType) ?? targetType;
        if (underlying == typeof(string))
        {
            return value;
        }

        var converter = TypeDescriptor.GetConverter(underlying);
        return converter.ConvertFromString(null, CultureInfo.InvariantCulture, value);
    }

    public static InvalidOperationException Unbindable(ParameterInfo parameter)
        => new($"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}. " +
               "Take services by constructor (ILogger<T>, not FunctionContext).");
}
