using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem simulate</c>: byte-identical files for one seed, and every option problem at once.</summary>
public sealed class SimulateCommandTests
{
    private static readonly string Week = Path.Combine(RepoPaths.Root, "examples", "village-week", "scenario.json");

    [Fact]
    [Trait("Category", "Heavy")]
    public void TheSameSeedWritesByteIdenticalFilesAndAnotherSeedOthers()
    {
        var root = Path.Combine(Path.GetTempPath(), $"lem-simulate-{Environment.ProcessId}");
        string[] Args(string dir, string seed) => ["simulate", Week, "--days", "2", "--mechanism", "uniform", "--forecast", "noisy", "--forecast-error", "0.2", "--intraday", "continuous", "--seed", seed, "--out", dir];
        try
        {
            var (a, b, c) = (Path.Combine(root, "a"), Path.Combine(root, "b"), Path.Combine(root, "c"));
            Assert.Equal(0, CliRunner.Run(Args(a, "11")).Exit);
            Assert.Equal(0, CliRunner.Run(Args(b, "11")).Exit);
            Assert.Equal(0, CliRunner.Run(Args(c, "12")).Exit);
            foreach (var file in new[] { "days.csv", "slots.csv", "participants.csv", "summary.json" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            }

            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "participants.csv")), File.ReadAllBytes(Path.Combine(c, "participants.csv")));
            var days = File.ReadAllLines(Path.Combine(a, "days.csv"));
            Assert.Equal(3, days.Length);
            Assert.Equal(1 + (2 * 96), File.ReadAllLines(Path.Combine(a, "slots.csv")).Length);
            Assert.Equal(1 + (2 * 60), File.ReadAllLines(Path.Combine(a, "participants.csv")).Length);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public void EveryOptionProblemIsReportedAtOnceWithoutAStackTrace()
    {
        var (exit, output, error) = CliRunner.Run("simulate", Week, "--days", "0", "--mechanism", "nope", "--agents", "nobody", "--forecast", "crystal", "--forecast-error", "3", "--intraday", "later", "--redispatch", "magic");
        Assert.Equal(2, exit);
        var text = output + error;
        foreach (var option in new[] { "--days", "--mechanism", "--agents", "--forecast", "--forecast-error", "--intraday", "--redispatch" })
        {
            Assert.Contains(option, text);
        }

        Assert.Contains("7 problems", text);
        CliRunner.AssertNoStackTrace(text);
    }

    [Fact]
    public void StrategicIdsThatAreUnknownOrInvalidAreReportedTogether()
    {
        var (exit, output, error) = CliRunner.Run("simulate", Week, "--strategic", "nobody,h01,bad id");
        Assert.Equal(2, exit);
        var text = output + error;
        Assert.Contains("'nobody'", text);
        Assert.Contains("'bad id'", text);
        Assert.DoesNotContain("'h01'", text);
        Assert.Contains("2 problems", text);
        CliRunner.AssertNoStackTrace(text);
    }

    [Fact]
    public void AScenarioThatIsNotWholeDaysIsAnInputError()
    {
        var (exit, output, error) = CliRunner.Run("simulate", Path.Combine(RepoPaths.Root, "examples", "tiny", "scenario.json"), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("horizon.not_whole_days", output + error);
    }
}
