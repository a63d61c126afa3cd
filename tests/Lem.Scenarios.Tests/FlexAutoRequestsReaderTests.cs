using System.Text;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary><c>"requests": "auto"</c> in the <c>flexibility</c> section (docs/scenario-format.md#flexibility).</summary>
public sealed class FlexAutoRequestsReaderTests
{
    private static ScenarioLoadResult Load(JsonNode requests)
    {
        var path = RepoPaths.InRepo("examples", "flex", "worked-a.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root["flexibility"]!["requests"] = requests;
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), Path.GetDirectoryName(path)!);
    }

    [Fact]
    public void Auto_SetsAutomaticRequests_WithNoExplicitOnes()
    {
        var load = Load(JsonValue.Create("auto"));

        Assert.True(load.IsValid, string.Join("; ", load.Errors.Select(e => e.Message)));
        Assert.True(load.Scenario!.Flexibility!.AutomaticRequests);
        Assert.Empty(load.Scenario.Flexibility.Requests);
    }

    [Fact]
    public void AnotherString_IsRefusedAtTheField()
    {
        var load = Load(JsonValue.Create("automatic"));

        var error = Assert.Single(load.Errors);
        Assert.Equal(("$.flexibility.requests", "value.invalid"), (error.Path, error.Code));
    }
}
