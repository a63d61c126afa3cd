using System.Numerics;
using Lem.Grid.PowerFlow;

namespace Lem.Markets.Redispatch;

/// <summary>
/// The AC operating point of a schedule, slot by slot, with extra injections on top: the DSO's tool for sensitivities
/// by finite differences around the AC point (docs/mechanisms/redispatch.md#sensitivities) and for checking caps.
/// </summary>
internal sealed class AcOperatingPoint : IDisposable
{
    /// <summary>The perturbation of a finite difference, MW (1 kW).</summary>
    public const double StepMw = 1e-3;

    private readonly double[,] _p;
    private readonly double[,] _q;
    private readonly IPowerFlowSolver _solver;
    private readonly Complex[] _start;

    private AcOperatingPoint(NetworkIndex index, PowerFlowModel model, double[,] p, double[,] q, IReadOnlyDictionary<ParticipantId, int> busOf)
    {
        Index = index;
        Model = model;
        _p = p;
        _q = q;
        BusOf = busOf;
        _solver = AcPowerFlow.CreateSolver(model, PowerFlowOptions.Default);
        _start = NewtonRaphsonStart.Voltages(model, flatStart: false);
    }

    /// <summary>The network.</summary>
    public NetworkIndex Index { get; }

    /// <summary>The power-flow model.</summary>
    public PowerFlowModel Model { get; }

    /// <summary>The solver bus of each participant with a bus.</summary>
    public IReadOnlyDictionary<ParticipantId, int> BusOf { get; }

    /// <summary>The operating point of net injections (kW), consumption that draws reactive power (kW) and the net import (MW) on <paramref name="market"/>'s grid.</summary>
    public static AcOperatingPoint Of(
        MarketInput market,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> netInjectionKw,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> consumptionKw,
        IReadOnlyList<double> netImportMw,
        double loadPowerFactor)
    {
        var grid = market.Grid ?? throw new ArgumentException("The market has no grid.", nameof(market));
        var (index, model, p, q) = AcCheck.Injections(market, grid, netInjectionKw, consumptionKw, netImportMw, loadPowerFactor);
        var busOf = new Dictionary<ParticipantId, int>();
        foreach (var participant in market.Participants)
        {
            if (participant.Bus is { } bus && index.TryIndexOf(bus, out var i))
            {
                busOf[participant.Id] = i;
            }
        }

        return new AcOperatingPoint(index, model, p, q, busOf);
    }

    /// <summary>The operating point of a clearing's schedule.</summary>
    public static AcOperatingPoint Of(MarketInput market, ClearingResult clearing)
    {
        var (injections, consumption, netImportMw) = GridCheck.Inputs(market, clearing);
        return Of(market, injections, consumption, netImportMw, GridCheck.LoadPowerFactor(clearing));
    }

    /// <summary>The AC state of <paramref name="slot"/> with <paramref name="extraMw"/> more active injection per solver bus (null: none).</summary>
    public AcState Solve(int slot, double[]? extraMw = null)
    {
        var baseMva = Index.BaseMva;
        var sbus = new Complex[Index.BusCount];
        for (var i = 0; i < sbus.Length; i++)
        {
            sbus[i] = new Complex((_p[slot, i] + (extraMw?[i] ?? 0)) / baseMva, _q[slot, i] / baseMva);
        }

        var v = (Complex[])_start.Clone();
        var stats = _solver.Solve(sbus, v);
        var pf = PowerFlowResult.From(Model, v, sbus, stats, _solver.Algorithm);
        var loading = new double[pf.Branches.Count];
        for (var k = 0; k < loading.Length; k++)
        {
            var b = pf.Branches[k];
            loading[k] = b.PFromMw < 0 ? -b.LoadingPercent : b.LoadingPercent;
        }

        var vm = new double[Index.BusCount];
        for (var i = 0; i < vm.Length; i++)
        {
            vm[i] = v[i].Magnitude;
        }

        return new AcState(stats.Status == PowerFlowStatus.Converged, loading, vm);
    }

    /// <summary>The AC state of <paramref name="slot"/> with <paramref name="mw"/> more injection at one solver bus.</summary>
    public AcState SolveWithExtra(int slot, int bus, double mw)
    {
        var extra = new double[Index.BusCount];
        extra[bus] = mw;
        return Solve(slot, extra);
    }

    /// <summary>
    /// ∂(limited quantity)/∂(injection at bus), per kW, for each limit and each solver bus in <paramref name="buses"/>,
    /// by a forward difference of <see cref="StepMw"/> around <paramref name="at"/> (the state of <paramref name="slot"/>).
    /// </summary>
    public Dictionary<int, double[]> Sensitivities(int slot, AcState at, IReadOnlyList<GridLimit> limits, IEnumerable<int> buses)
    {
        var result = new Dictionary<int, double[]>();
        foreach (var bus in buses.Distinct().Order())
        {
            var moved = SolveWithExtra(slot, bus, StepMw);
            var g = new double[limits.Count];
            for (var e = 0; e < limits.Count; e++)
            {
                g[e] = (limits[e].ValueIn(moved) - limits[e].ValueIn(at)) / (StepMw * 1000);
            }

            result[bus] = g;
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _solver.Dispose();
}
