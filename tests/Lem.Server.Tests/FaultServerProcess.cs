using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Server.Tests;

/// <summary>The real <c>lem</c> CLI (lem.dll next to the tests) as a child process: <c>lem serve</c> and <c>lem ledger verify</c>.</summary>
internal sealed class FaultServerProcess : IDisposable
{
    private readonly Process _process;

    private FaultServerProcess(Process process, Uri baseAddress, string serverPublicKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        ServerPublicKey = serverPublicKey;
    }

    /// <summary>Where the server listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's ledger signing key (base64), from its start report.</summary>
    public string ServerPublicKey { get; }

    /// <summary>Starts <c>lem serve</c> on a free loopback port and waits for its JSON start report.</summary>
    public static Task<FaultServerProcess> StartAsync(string dataDirectory, string operatorKey) => StartAsync(dataDirectory, operatorKey, [], null);

    /// <summary>
    /// Starts <c>lem serve</c> with further options (e.g. <c>--postgres CONNECTION</c>) and environment variables (an empty
    /// value removes the variable) on a free loopback port and waits for its JSON start report.
    /// </summary>
    public static async Task<FaultServerProcess> StartAsync(string dataDirectory, string operatorKey, IReadOnlyList<string> options, IReadOnlyDictionary<string, string>? environment)
    {
        var process = Start(environment, ["serve", "--data", dataDirectory, "--urls", "http://127.0.0.1:0", "--operator-key", operatorKey, "--format", "json", .. options]);
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                throw new InvalidOperationException($"lem serve ended before it listened: {text} {error}");
            }

            text.AppendLine(line);
            try
            {
                var report = JsonNode.Parse(text.ToString())!;
                return new FaultServerProcess(process, new Uri(report["listening"]![0]!.GetValue<string>()), report["server_public_key"]!.GetValue<string>());
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the whole report yet.
            }
        }
    }

    /// <summary>Runs <c>lem ledger verify --data DIR</c> and returns its exit code and output (stdout, then stderr).</summary>
    public static Task<(int ExitCode, string Output)> VerifyLedgerAsync(string dataDirectory) => RunCombinedAsync(null, "ledger", "verify", "--data", dataDirectory, "--format", "json");

    /// <summary>Runs <c>lem ledger verify --postgres CONNECTION --public-key KEY</c> and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> VerifyPostgresLedgerAsync(string connectionString, string publicKey, IReadOnlyDictionary<string, string>? environment = null) =>
        RunCombinedAsync(environment, "ledger", "verify", "--postgres", connectionString, "--public-key", publicKey, "--format", "json");

    /// <summary>Runs <c>lem</c> with <paramref name="arguments"/> to its end; returns its exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => RunAsync(null, arguments);

    /// <summary>
    /// Runs <c>lem</c> with <paramref name="arguments"/> and environment variables (an empty value removes the variable) to its
    /// end, at most two minutes; returns its exit code, standard output and standard error.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static async Task<(int ExitCode, string Output)> RunCombinedAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exit, output, error) = await RunAsync(environment, arguments);
        return (exit, output + error);
    }

    /// <summary>Kills the server with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
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

    private static Process Start(IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = LemCommand.StartInfo(arguments);

        // An empty value removes the variable (an empty PGPASSWORD would still count as a password).
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
