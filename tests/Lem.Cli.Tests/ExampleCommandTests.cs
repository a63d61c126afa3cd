using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem example village --out NEW</c> works in an empty folder, without <c>--grid</c> and without shared data.</summary>
public sealed class ExampleCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-example-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ExampleVillage_NewFolderWithoutGrid_ReproducesTheShippedExampleByteForByte()
    {
        var target = Path.Combine(dir, "new", "village");

        var (exit, output, err) = CliRunner.Run("example", "village", "--out", target);

        Assert.True(exit == 0, output + err);
        foreach (var name in new[] { "kerber_dorfnetz.json", "scenario.json", "profiles.csv", "prices.csv" })
        {
            var shipped = File.ReadAllBytes(RepoPaths.InRepo("examples", "village", name));
            Assert.True(shipped.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(target, name))), $"{name} differs from examples/village/{name}");
        }
    }

    [Fact]
    public void ExampleVillage_OutIsAnExistingFile_ExitsTwoNamingTheOption()
    {
        var file = Path.Combine(dir, "a-file.txt");
        File.WriteAllText(file, "not a folder");

        var (exit, output, err) = CliRunner.Run("example", "village", "--out", file);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--out", err, StringComparison.Ordinal);
        Assert.Contains("is a file", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
