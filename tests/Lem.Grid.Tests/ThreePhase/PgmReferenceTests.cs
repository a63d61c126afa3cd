using System.Text.Json;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>
/// Every power-grid-model asymmetric case in shared/data/threephase/pgm (input.json → Lem's three-phase power flow)
/// against its asym_output(_batch).json within the case's params.json tolerances |Δ| ≤ atol + rtol·|expected|:
/// node u, u_pu, u_angle and the branches' p/q/i at both ends.
/// </summary>
public sealed class PgmReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folder = ThreePhaseReferenceData.Path("pgm");
        if (Directory.Exists(folder))
        {
            foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                data.Add(System.IO.Path.GetFileName(dir));
            }
        }

        return data;
    }

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(Cases))]
    public void MatchesPowerGridModel(string name)
    {
        var folder = ThreePhaseReferenceData.Path("pgm", name);
        var input = File.ReadAllText(System.IO.Path.Combine(folder, "input.json"));
        using var parameters = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "params.json")));
        var rtol = parameters.RootElement.GetProperty("rtol").GetDouble();
        var atol = parameters.RootElement.GetProperty("atol");

        var batch = System.IO.Path.Combine(folder, "asym_output_batch.json");
        var failures = new List<string>();
        var worst = new Dictionary<string, double>(StringComparer.Ordinal);
        if (File.Exists(batch))
        {
            using var updates = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "update_batch.json")));
            using var expected = JsonDocument.Parse(File.ReadAllText(batch));
            var scenarios = updates.RootElement.GetProperty("data");
            var results = expected.RootElement.GetProperty("data");
            Assert.Equal(scenarios.GetArrayLength(), results.GetArrayLength());
            for (var s = 0; s < scenarios.GetArrayLength(); s++)
            {
                Check(PgmJsonReader.ReadText(input, name, scenarios[s]), results[s], $"scenario {s}", rtol, atol, failures, worst);
            }
        }
        else
        {
            using var expected = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "asym_output.json")));
            Check(PgmJsonReader.ReadText(input, name), expected.RootElement.GetProperty("data"), "case", rtol, atol, failures, worst);
        }

        foreach (var (attribute, error) in worst.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name}: largest |error| of {attribute} = {error:G4}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(30)));
    }

    private static void Check(ThreePhaseNetworkImport import, JsonElement expected, string scenario, double rtol, JsonElement atol, List<string> failures, Dictionary<string, double> worst)
    {
        Assert.True(import.Succeeded, string.Join(Environment.NewLine, import.Errors));
        var network = import.Network!;
        var result = ThreePhasePowerFlow.Solve(network, new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.NewtonRaphson, TolerancePu = 1e-12 });
        Assert.True(result.Converged, $"{scenario}: {result.Message}");

        // The Z-bus fixed point (docs/three-phase.md) gives the same voltages within 1e-9 pu (it falls back to
        // Newton–Raphson where Y_ff is singular or it does not converge).
        var zbus = ThreePhasePowerFlow.Solve(network, new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.ZBusFixedPoint });
        Assert.True(zbus.Converged, $"{scenario} (Z-bus): {zbus.Message}");
        foreach (var (x, y) in zbus.Buses.Zip(result.Buses))
        {
            foreach (var (p, q) in x.Phases.Zip(y.Phases))
            {
                var difference = (System.Numerics.Complex.FromPolarCoordinates(p.MagnitudePu, p.AngleDegree * Math.PI / 180) - System.Numerics.Complex.FromPolarCoordinates(q.MagnitudePu, q.AngleDegree * Math.PI / 180)).Magnitude;
                if (difference > 1e-9)
                {
                    failures.Add($"{scenario} bus {x.Id}: Z-bus ({zbus.Algorithm}) differs from Newton–Raphson by {difference:G3} pu");
                }
            }
        }

        void Compare(string what, string attribute, double actual, double reference)
        {
            var absolute = atol.ValueKind == JsonValueKind.Number
                ? atol.GetDouble()
                : atol.TryGetProperty(attribute, out var specific) ? specific.GetDouble() : atol.GetProperty("default").GetDouble();
            var error = Math.Abs(actual - reference);
            worst[attribute] = Math.Max(worst.GetValueOrDefault(attribute), error);
            if (error > absolute + (rtol * Math.Abs(reference)))
            {
                failures.Add($"{scenario} {what}.{attribute}: {actual:R} vs {reference:R} (|Δ| {error:G3})");
            }
        }

        if (expected.TryGetProperty("node", out var nodes))
        {
            foreach (var node in nodes.EnumerateArray())
            {
                var id = node.GetProperty("id").GetRawText();
                var bus = result.Buses.Single(b => b.Id.Value == id);
                for (var p = 0; p < 3; p++)
                {
                    if (node.TryGetProperty("u", out var u))
                    {
                        Compare($"node {id}[{p}]", "u", bus.Phases[p].MagnitudeV, u[p].GetDouble());
                    }

                    if (node.TryGetProperty("u_pu", out var pu))
                    {
                        Compare($"node {id}[{p}]", "u_pu", bus.Phases[p].MagnitudePu, pu[p].GetDouble());
                    }

                    if (node.TryGetProperty("u_angle", out var angle))
                    {
                        var difference = Math.IEEERemainder((bus.Phases[p].AngleDegree * Math.PI / 180.0) - angle[p].GetDouble(), 2.0 * Math.PI);
                        Compare($"node {id}[{p}]", "u_angle", angle[p].GetDouble() + difference, angle[p].GetDouble());
                    }
                }
            }
        }

        foreach (var component in new[] { "line", "asym_line", "transformer" })
        {
            if (!expected.TryGetProperty(component, out var branches))
            {
                continue;
            }

            foreach (var branch in branches.EnumerateArray())
            {
                var id = branch.GetProperty("id").GetRawText();
                var actual = result.Branches.SingleOrDefault(b => b.Id == id);
                foreach (var (attribute, end, quantity) in new[] { ("p_from", 0, 0), ("q_from", 0, 1), ("i_from", 0, 2), ("p_to", 1, 0), ("q_to", 1, 1), ("i_to", 1, 2) })
                {
                    if (!branch.TryGetProperty(attribute, out var values))
                    {
                        continue;
                    }

                    for (var p = 0; p < 3; p++)
                    {
                        double value = 0.0;
                        if (actual is not null)
                        {
                            var flows = end == 0 ? actual.Phases : actual.ToPhases;
                            value = quantity switch
                            {
                                0 => flows[p].PowerKw * 1000.0,
                                1 => flows[p].ReactivePowerKvar * 1000.0,
                                _ => flows[p].CurrentA,
                            };
                        }

                        Compare($"{component} {id}[{p}]", attribute, value, values[p].GetDouble());
                    }
                }
            }
        }
    }
}
