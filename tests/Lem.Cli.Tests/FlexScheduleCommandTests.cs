using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem flex --schedule pool</c> on examples/flex/evening-peak.json (docs/mechanisms/flexibility.md#the-dsos-needs):
/// the pool's copper-plate schedule (30 kW at bus 1, 70 kW at bus 2, loads at power factor 0.95) overloads line 1–2
/// (50 kVA). By hand: Q = 70·tan(acos 0.95) = 23.008 kvar, S = √(70² + Q²) = 73.685 kVA (147.37 %), the active flow must
/// fall to √(50² − Q²) = 44.391 kW: 25.609 kW up at bus 2, bought from ev-delay at 50 EUR/MWh (1.2805 EUR).
/// </summary>
public sealed class FlexScheduleCommandTests
{
    [Fact]
    public void PoolSchedule_OverloadsTheLine_AutomaticRequestIsBoughtAndTheViolationRemoved()
    {
        var q = 70 * Math.Tan(Math.Acos(0.95));
        var needed = 70 - Math.Sqrt((50 * 50) - (q * q));

        var (exit, output, err) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "flex", "evening-peak.json"), "--schedule", "pool", "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal("cleared", r.GetProperty("status").GetString());
        var before = r.GetProperty("violations_before").EnumerateArray().Single();
        Assert.Equal("L12", before.GetProperty("element").GetString());
        Assert.Equal(Math.Sqrt((70 * 70) + (q * q)) / 50 * 100, before.GetProperty("value").GetDouble(), 2);
        var order = r.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal("ev-delay", order.GetProperty("offer").GetString());
        Assert.Equal(needed, order.GetProperty("kw").GetDouble(), 2);
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
        Assert.Contains(r.GetProperty("binding_limits").EnumerateArray(), b => b.GetProperty("element").GetString() == "auto-end-0-up");
    }

    [Fact]
    public void WithoutSchedule_TheGridFileHasNoLoads_AndNothingIsOrdered()
    {
        var (exit, output, err) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "flex", "evening-peak.json"), "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("orders").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("violations_before").GetArrayLength());
    }

    [Fact]
    public void UnknownMechanism_IsAUsageError()
    {
        var (exit, _, _) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "flex", "evening-peak.json"), "--schedule", "nonsense");

        Assert.Equal(2, exit);
    }
}
