using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("village")]
    public void Validate_BundledExample_ExitsZero(string example)
    {
        var (exit, output, err) = CliRunner.Run("validate", RepoPaths.InRepo("examples", example, "scenario.json"));
        Assert.True(exit == 0, output + err);
        Assert.Contains("is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Json_OnValidScenario_PrintsValidTrueAndNoErrors()
    {
        var (exit, output, _) = CliRunner.Run("validate", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public void Validate_Json_OnBadScenario_ListsEveryProblemWithPathCodeAndMessage()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad", "37-many-problems-at-once.json");
        var (exit, output, _) = CliRunner.Run("validate", file, "--format", "json");

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("path").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
        });
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == "$.participants[2].assets[2].capacity_kwh" && e.GetProperty("code").GetString() == "value.out_of_range");
    }

    [Fact]
    public void Validate_EveryBadFixture_ExitsOne_WithoutStackTrace()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad"), "*.json").Where(f => !f.EndsWith("expected.json", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 20);
        foreach (var file in files)
        {
            var (exit, output, err) = CliRunner.Run("validate", file);
            Assert.True(exit == 1, $"{Path.GetFileName(file)}: exit {exit}\n{output}{err}");
            Assert.Contains("problem", output, StringComparison.Ordinal);
            CliRunner.AssertNoStackTrace(output + err);
        }
    }

    [Fact]
    public void Validate_MissingFile_ExitsOne_WithAClearMessage()
    {
        var (exit, output, err) = CliRunner.Run("validate", "no/such/scenario.json");
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("validate")]
    [InlineData("validate", "x.json", "--format", "xml")]
    [InlineData("validate", "x.json", "--colour")]
    public void BadCommandLine_ExitsTwo_WithUsageHint(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("lem --help", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Help_ExitsZero_AndListsTheCommands()
    {
        var (exit, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "validate", "info", "grid", "example" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ImplausibleHouseholdLoad_PrintsTheWarning_AndExitsZero()
    {
        var dir = Directory.CreateTempSubdirectory("lem-validate-warn-").FullName;
        try
        {
            var path = Path.Combine(dir, "scenario.json");
            File.WriteAllText(path, TwoBusScenario.Json(0.4, """{ "type": "inflexible_load", "id": "h-load", "demand_kw": [3, 228] }"""));

            var (exit, output, err) = CliRunner.Run("validate", path);
            Assert.True(exit == 0, output + err);
            Assert.Contains("is valid", output, StringComparison.Ordinal);
            Assert.Contains("$.participants[0].assets[0].demand_kw", output, StringComparison.Ordinal);
            Assert.Contains("value.implausible", output, StringComparison.Ordinal);

            (exit, output, err) = CliRunner.Run("validate", path, "--format", "json");
            Assert.True(exit == 0, output + err);
            using var doc = JsonDocument.Parse(output);
            Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
            var w = Assert.Single(doc.RootElement.GetProperty("warning_details").EnumerateArray());
            Assert.Equal("$.participants[0].assets[0].demand_kw", w.GetProperty("path").GetString());
            Assert.Equal("value.implausible", w.GetProperty("code").GetString());
            Assert.Contains("228 kW", w.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
