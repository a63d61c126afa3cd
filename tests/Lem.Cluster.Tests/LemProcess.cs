using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lem.Testing;

namespace Lem.Cluster.Tests;

/// <summary>The real <c>lem</c> CLI (lem.dll next to the tests) as a child process, its output collected as it comes.</summary>
internal sealed class LemProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outClosed;
    private int _errClosed;

    private LemProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Collect(_out, e.Data, ref _outClosed);
        process.ErrorDataReceived += (_, e) => Collect(_err, e.Data, ref _errClosed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (after <see cref="WaitAsync"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>lem</c> with <paramref name="arguments"/>.</summary>
    public static LemProcess Start(params string[] arguments)
    {
        var start = LemCommand.StartInfo(arguments);

        return new LemProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs <c>lem</c> to its end (at most <paramref name="timeout"/>).</summary>
    public static async Task<LemProcess> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var p = Start(arguments);
        await p.WaitAsync(timeout);
        return p;
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>; false when the process ended or the time ran out first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Waits for the end of the process and of its output.</summary>
    /// <exception cref="TimeoutException">When it is still running after <paramref name="timeout"/> (it is then killed).</exception>
    public async Task WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _exited.Task.WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            throw new TimeoutException($"lem did not end within {timeout}: {Output} {Error}");
        }
    }

    /// <summary>Kills the process with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Collect(StringBuilder into, string? line, ref int closed)
    {
        if (line is null)
        {
            if (Interlocked.Increment(ref closed) == 1 && Volatile.Read(ref _outClosed) == 1 && Volatile.Read(ref _errClosed) == 1)
            {
                _exited.TrySetResult();
            }

            return;
        }

        lock (into)
        {
            into.AppendLine(line);
        }
    }
}
