using Governance.LocalHost;

try
{
    var options = LocalHostOptions.FromArgs(args);
    using var shutdown = new CancellationTokenSource();
    await using var host = await LocalFunctionsHost.StartAsync(options, shutdown.Token);
    await host.WaitForShutdownAsync();
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
