using Lem.Optimization;
using Lem.Optimization.InteriorPoint;

namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The distribution system operator as an agent of the distributed engines (docs/mechanisms/admm.md#the-grid-agent): it
/// holds the network model privately (the pool's own grid formulation, prepared for the network) and answers a
/// <see cref="GridSignal"/>, the injections the market requests per bus and slot, with the nearest injections the
/// network accepts: per slot the Euclidean projection onto the formulation's feasible set, written once in the injections
/// alone (<see cref="InjectionPolytope"/>) and solved by a warm-started active-set method, else as a QP by the project's
/// interior point method with HiGHS as the fallback. Its inputs are
/// injections only: the requested active injections per bus and slot, and the reactive injections it is told once at
/// the start (the loads' expected consumption at the pool's power factor); the outside market's reactive exchange at the
/// connection bus is free, as in the pool.
/// </summary>
public sealed class GridAgent : IAgent
{
    /// <summary>The id the distributed mechanisms give their grid agent (the DSO's).</summary>
    public const string OperatorId = "grid-operator";

    private readonly Slot[] _slots;
    private readonly InjectionPolytope? _polytope;
    private readonly int _buses;
    private readonly double[] _weights;

    /// <summary>Prepares one projection QP per slot on the prepared formulation.</summary>
    /// <param name="id">The agent's id.</param>
    /// <param name="grid">The grid formulation prepared for the network (solver buses).</param>
    /// <param name="connectionBus">The solver bus of the point of common coupling, where the reactive exchange is free.</param>
    /// <param name="reactiveInjectionKvar">The fixed reactive injection per bus and slot, bus-major [b·T + t], kvar.</param>
    /// <param name="slots">The number of slots T.</param>
    /// <param name="positionsPerBus">
    /// The number of market positions d_b ≥ 1 the coordinator keeps at each bus (an empty bus counts one, a position
    /// fixed at zero), or null for 1 everywhere: the projection is then weighted, min Σ_b (g_b − z_b)²/(2d_b), the
    /// coordination step of docs/mechanisms/admm.md#the-grid-agent. Told once at registration; the DSO knows the
    /// connections anyway.
    /// </param>
    /// <exception cref="ArgumentException">When the reactive injections are not one per bus and slot, or the connection bus is not a bus.</exception>
    public GridAgent(string id, IPreparedGridFormulation grid, int connectionBus, IReadOnlyList<double> reactiveInjectionKvar, int slots, IReadOnlyList<double>? positionsPerBus = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(reactiveInjectionKvar);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _buses = grid.Index.BusCount;
        if (reactiveInjectionKvar.Count != _buses * slots)
        {
            throw new ArgumentException($"The reactive injections need {_buses * slots} values ({_buses} buses × {slots} slots), not {reactiveInjectionKvar.Count}.", nameof(reactiveInjectionKvar));
        }

        if (connectionBus < 0 || connectionBus >= _buses)
        {
            throw new ArgumentException($"The connection bus {connectionBus} is not one of the {_buses} buses.", nameof(connectionBus));
        }

        if (positionsPerBus is not null && (positionsPerBus.Count != _buses || positionsPerBus.Any(d => !(d >= 1) || !double.IsFinite(d))))
        {
            throw new ArgumentException($"The positions per bus need {_buses} finite values of at least 1.", nameof(positionsPerBus));
        }

        AgentId = id;
        _weights = positionsPerBus is null ? [.. Enumerable.Repeat(1.0, _buses)] : [.. positionsPerBus];
        _slots = new Slot[slots];
        for (var t = 0; t < slots; t++)
        {
            _slots[t] = Slot.Build(grid, t, connectionBus, reactiveInjectionKvar, slots, _weights);
        }

        _polytope = InjectionPolytope.TryBuild([.. _slots.Select(x => x.Model)], _buses);
    }

    /// <inheritdoc/>
    public string AgentId { get; }

    /// <summary>The number of buses of the network (the length of every per-slot block of the messages).</summary>
    public int BusCount => _buses;

    /// <summary>The positions per bus d_b the projection is weighted by (1 everywhere unless told otherwise).</summary>
    internal IReadOnlyList<double> PositionsPerBus => _weights;

    /// <inheritdoc/>
    public AgentMessage Respond(CoordinatorMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case GridSignal s:
                {
                    var slots = _slots.Length;
                    if (s.SlotCount != slots || s.RequestedInjectionKw.Count != _buses * slots)
                    {
                        throw new ArgumentException($"Grid agent '{AgentId}': a grid signal needs {_buses * slots} values for {_buses} buses and {slots} slots.", nameof(message));
                    }

                    var accepted = new double[_buses * slots];
                    Parallel.For(0, slots, t => Project(t, s.RequestedInjectionKw, accepted));
                    return new GridProposal(AgentId, accepted);
                }

            case CostRequest:
                return new CostReport(AgentId, 0.0);
            default:
                throw new ArgumentException($"Grid agent '{AgentId}' does not understand {message.GetType().Name}.", nameof(message));
        }
    }

    /// <summary>Slot t's projection of the requested injections (kW, bus-major) into <paramref name="acceptedKw"/>.</summary>
    private void Project(int t, IReadOnlyList<double> requestedKw, double[] acceptedKw)
    {
        var slots = _slots.Length;
        var z = new double[_buses];
        for (var b = 0; b < _buses; b++)
        {
            z[b] = requestedKw[(b * slots) + t] / 1000.0;
        }

        var g = new double[_buses];
        if (_polytope is null || !_polytope.Project(t, z, g, _weights))
        {
            _slots[t].Project(z, g, _weights);
        }

        for (var b = 0; b < _buses; b++)
        {
            acceptedKw[(b * slots) + t] = g[b] * 1000.0;
        }
    }

    /// <summary>One slot's projection: min ½Σ_b (g_b − z_b)²/d_b over the injections g the formulation accepts (MW inside).</summary>
    private sealed class Slot
    {
        private readonly Variable[] _injection;
        private readonly int _slot;
        private readonly Lazy<InteriorPointQp> _qp;

        private Slot(OptimizationModel model, Variable[] injection, int slot)
        {
            Model = model;
            _injection = injection;
            _slot = slot;
            _qp = new Lazy<InteriorPointQp>(() => new InteriorPointQp(model));
        }

        /// <summary>The slot's model: the injections (variables 0..buses−1) and the formulation's rows.</summary>
        public OptimizationModel Model { get; }

        public static Slot Build(IPreparedGridFormulation grid, int slot, int connectionBus, IReadOnlyList<double> reactiveKvar, int slots, double[] weights)
        {
            var buses = grid.Index.BusCount;
            var model = new OptimizationModel($"grid-agent:{slot}");
            var injection = new Variable[buses];
            var p = new LinearExpression[buses];
            var q = new LinearExpression[buses];
            for (var b = 0; b < buses; b++)
            {
                injection[b] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"g[{b}]");
                model.AddQuadraticObjective(injection[b], injection[b], 0.5 / weights[b]);
                p[b] = new LinearExpression().Add(injection[b], 1.0);
                q[b] = new LinearExpression();
                if (grid.Formulation.HasVoltages)
                {
                    q[b].AddConstant(reactiveKvar[(b * slots) + slot] / 1000.0);
                }
            }

            if (grid.Formulation.HasVoltages)
            {
                q[connectionBus].Add(model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "q_outside"), 1.0);
            }

            grid.AddSlot(model, slot, p, q);
            return new Slot(model, injection, slot);
        }

        /// <summary>The weighted projection of <paramref name="z"/> (MW) by the interior point method, else HiGHS.</summary>
        public void Project(double[] z, double[] g, double[] weights)
        {
            var n = Model.Variables.Count;
            var linear = new double[n];
            var quadratic = new double[n];
            for (var b = 0; b < _injection.Length; b++)
            {
                var j = _injection[b].Index;
                quadratic[j] = 1.0 / weights[b];
                linear[j] = -z[b] / weights[b];
            }

            var solution = _qp.Value.Solve(linear, quadratic, SolverOptions.Default with { Tolerance = 1e-10 });
            if (solution.Status != SolveStatus.Optimal)
            {
                solution = Fallback(linear);
            }

            for (var b = 0; b < _injection.Length; b++)
            {
                g[b] = solution.Value(_injection[b]);
            }
        }

        /// <summary>The same projection by the default back end (HiGHS's QP solver) on the model with this objective.</summary>
        private Solution Fallback(double[] linear)
        {
            var objective = new LinearExpression(_injection.Length);
            foreach (var g in _injection)
            {
                objective.Add(g, linear[g.Index]);
            }

            Model.SetObjective(objective);
            var solution = Solvers.For(Model).Solve(Model, SolverOptions.Default);
            return solution.Status == SolveStatus.Optimal
                ? solution
                : throw new InvalidOperationException($"The grid agent's projection in slot {_slot} ended {solution.Status}: {solution.Message ?? "no message"} (are the network's limits feasible at all?).");
        }
    }
}
