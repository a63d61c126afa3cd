using System.Diagnostics;

namespace Lem.Testing;

/// <summary>The real <c>lem</c> CLI as a child process of a test: lem.dll next to the tests (a test project references Lem.Cli to copy it there).</summary>
public static class LemCommand
{
    /// <summary>How to start <c>dotnet lem.dll</c> with <paramref name="arguments"/>, standard output and error redirected.</summary>
    /// <exception cref="FileNotFoundException">When lem.dll is not next to the tests.</exception>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var lem = Path.Combine(AppContext.BaseDirectory, "lem.dll");
        if (!File.Exists(lem))
        {
            throw new FileNotFoundException("lem.dll is not next to the tests; the test project must reference Lem.Cli to copy it there.", lem);
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(lem);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}
