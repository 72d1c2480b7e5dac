namespace Governance.Functions.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the description after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string description)
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

        Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {description}");
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string description)
        => HoldsAsync(() => Task.FromResult(condition()), timeout, description);
}
