using System.Text.Json;
using Lem.Pipeline;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary>Each malformed scenario under Fixtures/bad reports exactly the expected problems (code and path).</summary>
public sealed class BadScenarioFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void FixtureSet_HasAtLeastTwentyCases_AndEveryFileIsListed()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => n != "expected").ToHashSet();
        Assert.True(files.Count >= 20, $"only {files.Count} fixtures");
        Assert.Equal(files.Order(StringComparer.Ordinal), Expected().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void BadScenario_ReportsExactlyTheExpectedProblems(string name)
    {
        var result = ScenarioReader.Load(Path.Combine(Folder, name + ".json"));

        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        var actual = result.Errors.Select(e => (e.Path, e.Code)).ToHashSet();
        var expected = Expected()[name].ToHashSet();
        Assert.True(
            expected.SetEquals(actual),
            $"expected [{string.Join("; ", expected)}] but got [{string.Join("; ", result.Errors)}]");
        Assert.All(result.Errors, e => Assert.True(e.Message.Length > 20 && (e.Message.EndsWith('.') || e.Message.EndsWith('?')), $"message not a sentence: '{e.Message}'"));
    }

    private static Dictionary<string, List<(string Path, string Code)>> Expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return doc.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("code").GetString()!)).ToList());
    }
}
