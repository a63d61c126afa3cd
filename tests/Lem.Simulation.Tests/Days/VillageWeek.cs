using Lem.Scenarios;
using Lem.Simulation.Days;
using Lem.Testing;

namespace Lem.Simulation.Tests.Days;

/// <summary>The examples/village-week scenario as a day source, read once per test run.</summary>
public static class VillageWeek
{
    private static readonly Lazy<ScenarioDaySource> Lazy = new(() =>
    {
        var load = ScenarioReader.Load(System.IO.Path.Combine(RepoPaths.Root, "examples", "village-week", "scenario.json"));
        Assert.True(load.IsValid, string.Join("; ", load.Errors));
        var source = ScenarioDaySource.Create(load.Scenario!, out var errors);
        Assert.Empty(errors);
        return source;
    });

    /// <summary>The source.</summary>
    public static ScenarioDaySource Source => Lazy.Value;
}
