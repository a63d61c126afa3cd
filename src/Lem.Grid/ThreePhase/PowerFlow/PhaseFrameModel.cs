using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// A three-phase network compiled for solving (docs/three-phase.md): three nodes per bus (node 3·bus + phase),
/// the branches' admittance blocks, the shunts per bus, the sources and the loads' and generators' current terms.
/// </summary>
internal sealed class PhaseFrameModel
{
    private bool[]? _seriesOnly;

    private PhaseFrameModel(ThreePhaseNetwork network)
    {
        Network = network;
        BusCount = network.Buses.Count;
        PhaseBaseVoltageV = new double[BusCount];
        for (var b = 0; b < BusCount; b++)
        {
            PhaseBaseVoltageV[b] = network.Buses[b].NominalVoltageKv * 1000.0 / Math.Sqrt(3.0);
        }

        BusShunts = new PhaseMatrix[BusCount];
        Array.Fill(BusShunts, PhaseMatrix.Zero);
    }

    /// <summary>The network.</summary>
    public ThreePhaseNetwork Network { get; }

    /// <summary>The number of buses.</summary>
    public int BusCount { get; }

    /// <summary>The phase-to-neutral base voltage of each bus in V.</summary>
    public double[] PhaseBaseVoltageV { get; }

    /// <summary>The in-service lines then transformers.</summary>
    public List<ModelBranch> Branches { get; } = [];

    /// <summary>The shunt admittance to ground at each bus in S.</summary>
    public PhaseMatrix[] BusShunts { get; }

    /// <summary>The in-service sources.</summary>
    public List<SourceTerm> Sources { get; } = [];

    /// <summary>The loads' and generators' current terms.</summary>
    public LoadTerm[] Loads { get; private set; } = [];

    /// <summary>
    /// For each branch, true when it is a line closed at both ends without shunt admittance: its blocks are then
    /// [[Y, −Y], [−Y, Y]], the currents at its ends are ±Y (V_from − V_to) and its losses Σ_p ΔV_p conj(I_p).
    /// </summary>
    public bool[] SeriesOnlyBranches => _seriesOnly ??= [.. Branches.Select(b => b.Line is { FromClosed: true, ToClosed: true } line && line.ShuntAdmittanceSiemens.IsZero)];

    /// <summary>Why the network cannot be solved, or an empty list.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Compiles <paramref name="network"/>.</summary>
    public static PhaseFrameModel Build(ThreePhaseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var model = new PhaseFrameModel(network);
        foreach (var line in network.Lines)
        {
            if (!line.InService)
            {
                continue;
            }

            var from = model.Position(line.FromBus, $"line '{line.Id}'");
            var to = model.Position(line.ToBus, $"line '{line.Id}'");
            if (from < 0 || to < 0)
            {
                continue;
            }

            try
            {
                model.Branches.Add(new ModelBranch(line.Id, false, from, to, BranchAdmittance.OfLine(line), line, null));
            }
            catch (InvalidOperationException)
            {
                model.Problems.Add($"line '{line.Id}': the series impedance matrix is singular");
            }
        }

        foreach (var transformer in network.Transformers)
        {
            if (!transformer.InService)
            {
                continue;
            }

            var from = model.Position(transformer.HvBus, $"transformer '{transformer.Id}'");
            var to = model.Position(transformer.LvBus, $"transformer '{transformer.Id}'");
            if (from < 0 || to < 0)
            {
                continue;
            }

            model.Branches.Add(new ModelBranch(transformer.Id, true, from, to, TransformerAdmittance.Of(transformer), null, transformer));
        }

        foreach (var shunt in network.Shunts)
        {
            var bus = shunt.InService ? model.Position(shunt.Bus, $"shunt '{shunt.Id}'") : -1;
            if (bus >= 0)
            {
                model.BusShunts[bus] += shunt.AdmittanceSiemens;
            }
        }

        foreach (var source in network.Sources)
        {
            var bus = source.InService ? model.Position(source.Bus, $"source '{source.Id}'") : -1;
            if (bus >= 0)
            {
                model.Sources.Add(SourceAdmittance.Of(source, bus, network.Buses[bus].NominalVoltageKv));
            }
        }

        if (model.Sources.Count == 0)
        {
            model.Problems.Add("the network has no source in service");
        }

        model.Loads = model.LoadTerms(network.Loads, network.Generators);
        return model;
    }

    /// <summary>The current terms of <paramref name="loads"/> and <paramref name="generators"/> (in-service ones).</summary>
    public LoadTerm[] LoadTerms(IReadOnlyList<ThreePhaseLoad> loads, IReadOnlyList<ThreePhaseGenerator> generators)
    {
        var terms = new List<LoadTerm>();
        foreach (var load in loads)
        {
            if (load.InService)
            {
                AddTerms(terms, load.Bus, load.Connection, load.Configuration, load.Model, load.PowerKw, load.ReactivePowerKvar, 1.0, "load", load.Id);
            }
        }

        foreach (var generator in generators)
        {
            if (generator.InService)
            {
                AddTerms(terms, generator.Bus, generator.Connection, generator.Configuration, generator.Model, generator.PowerKw, generator.ReactivePowerKvar, -1.0, "generator", generator.Id);
            }
        }

        return [.. terms];
    }

    private void AddTerms(List<LoadTerm> terms, BusId busId, PhaseConnection connection, LoadConfiguration configuration, LoadModel loadModel, IReadOnlyList<double> powerKw, IReadOnlyList<double> reactiveKvar, double sign, string kind, string id)
    {
        // The element's name is formatted only for a problem (this runs at every step of a time series).
        var bus = Network.BusPosition(busId);
        if (bus < 0 || !Network.Buses[bus].InService)
        {
            Position(busId, $"{kind} '{id}'");
            return;
        }

        if (powerKw.Count != 3 || reactiveKvar.Count != 3)
        {
            Problems.Add($"{kind} '{id}': needs three power entries per phase, has {powerKw.Count} and {reactiveKvar.Count}");
            return;
        }

        var exponent = loadModel switch
        {
            LoadModel.ConstantCurrent => 1,
            LoadModel.ConstantImpedance => 2,
            _ => 0,
        };
        var phases = connection.Phases();
        for (var k = 0; k < 3; k++)
        {
            if (powerKw[k] == 0.0 && reactiveKvar[k] == 0.0)
            {
                continue;
            }

            var conjugate = sign * 1000.0 * new Complex(powerKw[k], -reactiveKvar[k]);
            if (configuration == LoadConfiguration.Wye)
            {
                if (!phases.Contains((Phase)k))
                {
                    Problems.Add($"{kind} '{id}': power on phase {PhaseNames[k]}, which is not in its connection '{connection.Name()}'");
                    continue;
                }

                terms.Add(new LoadTerm((3 * bus) + k, -1, conjugate, exponent, PhaseBaseVoltageV[bus]));
            }
            else
            {
                var allowed = connection == PhaseConnection.Abc || (int)connection - (int)PhaseConnection.AB == k;
                if (!allowed)
                {
                    Problems.Add($"{kind} '{id}': power on branch {BranchNames[k]}, which is not its connection '{connection.Name()}'");
                    continue;
                }

                terms.Add(new LoadTerm((3 * bus) + k, (3 * bus) + ((k + 1) % 3), conjugate, exponent, PhaseBaseVoltageV[bus] * Math.Sqrt(3.0)));
            }
        }
    }

    private static readonly string[] PhaseNames = ["a", "b", "c"];
    private static readonly string[] BranchNames = ["ab", "bc", "ca"];

    /// <summary>Adds the currents drawn by <paramref name="terms"/> at voltages <paramref name="voltage"/> into <paramref name="drawn"/> (per node, A).</summary>
    public static void AddDrawnCurrents(ReadOnlySpan<LoadTerm> terms, ReadOnlySpan<Complex> voltage, Span<Complex> drawn)
    {
        foreach (var term in terms)
        {
            var across = term.ReturnNode < 0 ? voltage[term.Node] : voltage[term.Node] - voltage[term.ReturnNode];
            var current = term.Current(across);
            drawn[term.Node] += current;
            if (term.ReturnNode >= 0)
            {
                drawn[term.ReturnNode] -= current;
            }
        }
    }

    private int Position(BusId id, string what)
    {
        var position = Network.BusPosition(id);
        if (position < 0)
        {
            Problems.Add($"{what}: no bus '{id}'");
            return -1;
        }

        if (!Network.Buses[position].InService)
        {
            return -1;
        }

        return position;
    }
}
