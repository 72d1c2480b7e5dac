using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Governance.Functions.Tests.Claims;

/// <summary>A developer's webhook endpoint on loopback: records every request it receives.</summary>
public sealed class CallbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public CallbackReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(Dictionary<string, string> Headers, byte[] Body)> Received { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            Received.Enqueue((headers, body.ToArray()));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
