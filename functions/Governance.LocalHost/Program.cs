using Governance.LocalHost;

if (args.Length > 0 && args[0] == "token")
{
    return TokenCommand.Run(args[1..], Console.Out, Console.Error);
}

try
{
    var options = LocalHostOptions.FromArgs(args);
    await using var host = await LocalFunctionsHost.StartAsync(options);
    await host.WaitForShutdownAsync();
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
