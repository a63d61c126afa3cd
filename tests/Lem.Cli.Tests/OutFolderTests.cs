using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>--out</c> naming an existing file is a command-line mistake (exit 2 naming the option), never an internal error.</summary>
public sealed class OutFolderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-out-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Run_OutIsAnExistingFile_ExitsTwoNamingTheOption_FileUntouched()
    {
        var file = Path.Combine(dir, "summary.json");
        File.WriteAllText(file, "{}");

        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--out", file);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--out", err, StringComparison.Ordinal);
        Assert.Contains("is a file", err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
        Assert.Equal("{}", File.ReadAllText(file));
    }

    [Fact]
    public void Run_OutIsANewFolder_IsCreatedAndFilled()
    {
        var folder = Path.Combine(dir, "a", "b");

        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--out", folder, "--no-ac-check");

        Assert.True(exit == 0, output + err);
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
    }
}
