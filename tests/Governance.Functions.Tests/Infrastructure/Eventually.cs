namespace Governance.Functions.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the description after the timeout.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string description)
        => HoldsAsync(condition, timeout, () => description);

    /// <summary>As above, with a description made at the timeout (so it can say what was still missing then).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> description)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {description()}");
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string description)
        => HoldsAsync(() => Task.FromResult(condition()), timeout, description);
}
