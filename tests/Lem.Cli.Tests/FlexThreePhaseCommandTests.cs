using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem flex --grid lindist3flow</c> on examples/flex/three-phase.json (docs/three-phase.md#flexibility-on-three-phases):
/// phase a of line 1–2 is overloaded in slot 0 (40 kW against 30 kVA per phase) and not in slot 1 (25 kW); only the
/// phase-a offer relieves it, and the balanced model sees no congestion at all.
/// </summary>
public sealed class FlexThreePhaseCommandTests
{
    private static readonly string Scenario = RepoPaths.InRepo("examples", "flex", "three-phase.json");

    [Fact]
    public void Lindist3flow_OrdersThePhaseAOfferAndReportsThePhasesBeforeAndAfter()
    {
        var r = FlexCommandTests.Json("flex", Scenario, "--grid", "lindist3flow", "--format", "json");

        Assert.Equal("cleared", r.GetProperty("status").GetString());
        Assert.Equal("lindist3flow", r.GetProperty("sensitivities").GetString());
        var before = Assert.Single(r.GetProperty("violations_before").EnumerateArray());
        Assert.Equal("L12.a", before.GetProperty("element").GetString());
        Assert.Equal(0, before.GetProperty("slot").GetInt32());
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
        var order = Assert.Single(r.GetProperty("orders").EnumerateArray());
        Assert.Equal("on-a", order.GetProperty("offer").GetString());
        Assert.InRange(order.GetProperty("kw").GetDouble(), 9.5, 12.5);

        var phases = r.GetProperty("phase_ac");
        Assert.Equal(2, phases.GetArrayLength());
        var slot0 = phases[0];
        Assert.True(slot0.GetProperty("loading_max_percent_before")[0].GetDouble() > 130);
        Assert.True(slot0.GetProperty("loading_max_percent_after")[0].GetDouble() <= 100.1);
        // Phase b's flow is unchanged; its current moves only with the voltage (within half a percentage point).
        Assert.InRange(slot0.GetProperty("loading_max_percent_after")[1].GetDouble() - slot0.GetProperty("loading_max_percent_before")[1].GetDouble(), -0.5, 0.5);
        Assert.True(slot0.GetProperty("vm_min_pu_after")[0].GetDouble() > slot0.GetProperty("vm_min_pu_before")[0].GetDouble(), "the phase-a injection raises phase a's voltage");
        Assert.True(slot0.GetProperty("vuf_max_percent_after").GetDouble() < slot0.GetProperty("vuf_max_percent_before").GetDouble());
    }

    [Fact]
    public void BalancedModel_SeesNoCongestion()
    {
        var r = FlexCommandTests.Json("flex", Scenario, "--grid", "lindistflow", "--format", "json");

        Assert.Equal(0, r.GetProperty("violations_before").GetArrayLength());
        Assert.Equal(0, r.GetProperty("orders").GetArrayLength());
        Assert.False(r.TryGetProperty("phase_ac", out _));
    }

    [Fact]
    public void Text_ListsThePhases()
    {
        var (exit, output, err) = CliRunner.Run("flex", Scenario, "--grid", "lindist3flow");

        Assert.True(exit == 0, output + err);
        Assert.Contains("Model: lindist3flow", output, StringComparison.Ordinal);
        Assert.Contains("Slot 0 per phase a / b / c", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ContinuousTrading_RejectsLindist3flowWithAClearError()
    {
        var (exit, output, err) = CliRunner.Run("flex", Scenario, "--grid", "lindist3flow", "--trading", "continuous");

        Assert.NotEqual(0, exit);
        Assert.Contains("--grid", output + err, StringComparison.Ordinal);
        Assert.Contains("auction", output + err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + err, StringComparison.Ordinal);
    }
}
