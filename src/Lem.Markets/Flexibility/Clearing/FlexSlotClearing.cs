using Lem.Markets.Flexibility.Pricing;
using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// Clears one slot (docs/mechanisms/flexibility.md#clearing): the least-cost activation factors of the candidate offers
/// subject to the linearised thermal and voltage limits and the DSO's requests, a MILP when offers have minimum
/// activation factors or the market a granularity; thermal limits enter as tangent cuts added while the linear state
/// still violates them; then the AC power flow of the result, and, while it shows violations, another round with every
/// limit shifted by the AC-minus-linear mismatch at the current point.
/// </summary>
internal sealed class FlexSlotClearing
{
    private const double LinearTolerance = 1e-9;
    private const int MaxCuts = 200;

    private readonly List<FlexLimitRow> _rows = [];
    private readonly List<double[]> _coefficients = [];
    private readonly IFlexLinearisation _lin;
    private readonly IFlexAcEvaluator _ac;
    private readonly FlexClearingClock _clock;
    private readonly FlexClearingOptions _options;
    private readonly int _slot;
    private readonly double _hours;
    private readonly double _baseMva;
    private readonly double[] _p0Pu;
    private readonly double[] _q0Pu;
    private readonly IReadOnlyList<FlexCandidate> _candidates;
    private readonly IReadOnlyList<(FlexRequest Request, bool[] Members)> _requests;
    private readonly double _granularityMw;
    private readonly int _phases;
    private readonly int _branches;
    private readonly int _buses;
    private readonly double[] _correction;

    public FlexSlotClearing(
        IFlexLinearisation lin,
        IFlexAcEvaluator ac,
        FlexClearingClock clock,
        FlexClearingOptions options,
        int slot,
        double hours,
        double granularityKw,
        double[] p0Pu,
        double[] q0Pu,
        IReadOnlyList<FlexCandidate> candidates,
        IReadOnlyList<(FlexRequest Request, bool[] Members)> requests)
    {
        _lin = lin;
        _ac = ac;
        _clock = clock;
        _options = options;
        _slot = slot;
        _hours = hours;
        _baseMva = lin.Index.BaseMva;
        _p0Pu = p0Pu;
        _q0Pu = q0Pu;
        _candidates = candidates;
        _requests = requests;
        _granularityMw = granularityKw / 1000;
        // Limit elements: a branch or bus per phase of the linearisation (docs/three-phase.md#flexibility-on-three-phases).
        _phases = lin.Phases;
        _branches = lin.Index.BranchCount * _phases;
        _buses = lin.Index.BusCount * _phases;
        _correction = new double[_branches + _buses];
    }

    /// <summary>Clears the slot from the AC power flow and the linear state of its baseline.</summary>
    public FlexSlotOutcome Run(FlexAcSlot before, FlexLinearState baseState)
    {
        var tick = FlexClearingClock.Now;
        AddViolatedRows(baseState);
        _clock.Sensitivities(tick);
        if (!_options.ReferenceMode && before.Converged && before.Violations.Count == 0 && _rows.Count == 0 && _requests.Count == 0 && _candidates.All(c => c.CostEurPerActivation > 0))
        {
            // Nothing to meet and every offer costs: the selection is empty, the AC state the baseline's (docs/mechanisms/flexibility.md#performance).
            return new FlexSlotOutcome(FlexClearingStatus.Cleared, 1, [], Zeros(), [], before, before, []);
        }

        var notes = new List<string>();
        var status = FlexClearingStatus.Cleared;
        double[] activation = new double[_candidates.Count];
        FlexAcSlot after = before;
        List<(double Dual, FlexLimitRow? Limit, int Request)>? finalRows = null;
        var round = 0;
        while (true)
        {
            round++;
            tick = FlexClearingClock.Now;
            var solved = SolveLinear(baseState, notes);
            _clock.Linear(tick);
            if (solved is null)
            {
                status = FlexClearingStatus.InsufficientFlexibility;
                break;
            }

            (activation, finalRows, var shortfall) = solved.Value;
            var (p, q) = Injections(activation);
            tick = FlexClearingClock.Now;
            after = _ac.Run(_slot, p, q);
            _clock.Ac(tick);
            if (shortfall)
            {
                status = FlexClearingStatus.InsufficientFlexibility;
                break;
            }

            if (!after.Converged)
            {
                status = FlexClearingStatus.PowerFlowFailed;
                notes.Add($"Slot {_slot}: the AC power flow of the selection did not converge in round {round}.");
                break;
            }

            if (after.Violations.Count == 0)
            {
                break;
            }

            if (round >= _options.MaxRounds)
            {
                status = FlexClearingStatus.ViolationsRemain;
                notes.Add($"Slot {_slot}: after {round} round(s) the AC power flow still shows {string.Join(", ", after.Violations.Select(v => $"{v.Kind} at {v.Element}"))}; " +
                    "the linearisation misses them (raise --max-rounds, or the offers relieving them are used up).");
                break;
            }

            tick = FlexClearingClock.Now;
            Relinearise(activation, after);
            _clock.Sensitivities(tick);
        }

        var prices = finalRows is null ? Zeros() : Prices(finalRows);
        var duals = finalRows is null ? [] : BindingLimits(finalRows);
        var orders = _candidates.Select((c, j) => (c, activation[j])).Where(x => x.Item2 > 1e-9).ToList();
        return new FlexSlotOutcome(status, round, orders, prices, duals, before, after, notes);
    }

    private FlexLinearState StateWith(FlexLinearState baseState, double[] activation)
    {
        var state = baseState.Clone();
        for (var j = 0; j < _candidates.Count; j++)
        {
            if (activation[j] == 0)
            {
                continue;
            }

            var c = _candidates[j];
            state.Add(Sensitivity(c, false), activation[j] * c.DeltaPMw / _baseMva);
            state.Add(Sensitivity(c, true), activation[j] * c.DeltaQMvar / _baseMva);
        }

        return state;
    }

    private (double[] P, double[] Q) Injections(double[] activation)
    {
        var p = (double[])_p0Pu.Clone();
        var q = (double[])_q0Pu.Clone();
        for (var j = 0; j < _candidates.Count; j++)
        {
            var c = _candidates[j];
            FlexInjections.Add(p, q, _phases, c.Bus, c.Offer.Phase, activation[j] * c.DeltaPMw / _baseMva, activation[j] * c.DeltaQMvar / _baseMva);
        }

        return (p, q);
    }

    /// <summary>The sensitivities of a candidate's injection on its bus and phase connection.</summary>
    private FlexSensitivity Sensitivity(FlexCandidate c, bool reactive) => _lin.Of(c.Bus, c.Offer.Phase, reactive);

    /// <summary>The name of a branch element: the branch id, with <c>.phase</c> for a per-phase model.</summary>
    private string BranchName(int k) => _phases == 1 ? _lin.Index.BranchIds[k] : $"{_lin.Index.BranchIds[k / _phases]}.{Lem.Grid.ThreePhase.PhaseConnections.Names[k % _phases]}";

    /// <summary>The name of a bus element: the bus id, with <c>.phase</c> for a per-phase model.</summary>
    private string BusName(int i) => _phases == 1 ? _lin.Index.BusIdOf(i).Value : $"{_lin.Index.BusIdOf(i / _phases).Value}.{Lem.Grid.ThreePhase.PhaseConnections.Names[i % _phases]}";

    /// <summary>Adds a row for every limit the (corrected) linear state violates; returns how many were added.</summary>
    private int AddViolatedRows(FlexLinearState state, HashSet<int>? shortBranches = null)
    {
        var added = 0;
        var index = _lin.Index;
        for (var k = 0; k < _branches; k++)
        {
            var rating = index.RatingPu[k / _phases];
            if (!(double.IsFinite(rating) && rating > 0))
            {
                continue;
            }

            var s = Math.Sqrt((state.BranchP[k] * state.BranchP[k]) + (state.BranchQ[k] * state.BranchQ[k]));
            if (s + _correction[k] > rating + LinearTolerance && s > 0 && shortBranches?.Contains(k) != true)
            {
                _rows.Add(new FlexLimitRow(k, false, state.BranchP[k] / s, state.BranchQ[k] / s));
                added++;
            }
        }

        if (state.SquaredVoltage is { } v)
        {
            for (var i = 0; i < _buses; i++)
            {
                var (lo, hi) = SquaredBand(i);
                var value = v[i] + _correction[_branches + i];
                if ((value > hi + LinearTolerance || value < lo - LinearTolerance) && !_rows.Any(r => r.IsVoltage && r.Element == i))
                {
                    _rows.Add(new FlexLimitRow(i, true, 0, 0));
                    added++;
                }
            }
        }

        return added;
    }

    private (double Lower, double Upper) SquaredBand(int element)
    {
        var index = _lin.Index;
        var bus = element / _phases;
        var lo = index.VmMinPu[bus] > 0 && double.IsFinite(index.VmMinPu[bus]) ? index.VmMinPu[bus] * index.VmMinPu[bus] : double.NegativeInfinity;
        var hi = double.IsFinite(index.VmMaxPu[bus]) ? index.VmMaxPu[bus] * index.VmMaxPu[bus] : double.PositiveInfinity;
        return (lo, hi);
    }

    /// <summary>
    /// Solves the linear problem, adding cuts until the linear state meets every limit; null when the solver fails. The
    /// fast path splits it into independent parts (limit rows and requests linked by the offers that move them — on a
    /// radial feeder, one part per stressed branch of the substation) and re-solves only the parts whose rows changed.
    /// </summary>
    private (double[] Activation, List<(double Dual, FlexLimitRow? Limit, int Request)> Rows, bool Shortfall)? SolveLinear(FlexLinearState baseState, List<string> notes)
    {
        var solved = new Dictionary<string, FlexSlotPart>(StringComparer.Ordinal);
        for (var cut = 0; cut < MaxCuts; cut++)
        {
            while (_coefficients.Count < _rows.Count)
            {
                _coefficients.Add(Coefficients(_rows[_coefficients.Count]));
            }

            var parts = Parts();
            var activation = new double[_candidates.Count];
            var shortBranches = new HashSet<int>();
            foreach (var (rowIds, requestIds, include) in parts)
            {
                var key = string.Join(',', rowIds) + "|" + string.Join(',', requestIds);
                if (!solved.TryGetValue(key, out var part))
                {
                    var (model, a, integers, rows, slacks) = Build(baseState, rowIds, requestIds, include);
                    var solution = Solvers.For(model).Solve(model);
                    if (!solution.HasValues)
                    {
                        notes.Add($"Slot {_slot}: the selection problem could not be solved ({solution.Status}: {solution.Message}).");
                        return null;
                    }

                    solved[key] = part = new FlexSlotPart(model, a, integers, rows, slacks, solution);
                }

                for (var j = 0; j < _candidates.Count; j++)
                {
                    if (part.A[j] is { } x)
                    {
                        activation[j] = Math.Clamp(part.Solution.Value(x), 0, 1);
                    }
                }

                // A branch whose rating the offers cannot meet (its shortfall slack in use) gets no further cuts: the
                // linear state will violate its disc whatever the cuts, and the shortfall is reported below.
                shortBranches.UnionWith(part.Slacks.Where(x => x.Branch >= 0 && part.Solution.Value(x.Slack) > 1e-7).Select(x => x.Branch));
            }

            var state = StateWith(baseState, activation);
            if (AddViolatedRows(state, shortBranches) > 0)
            {
                continue;
            }

            var shortfall = false;
            var duals = new List<(int Order, double Dual, FlexLimitRow? Limit, int Request)>();
            foreach (var (rowIds, requestIds, _) in parts)
            {
                var part = solved[string.Join(',', rowIds) + "|" + string.Join(',', requestIds)];
                foreach (var (slack, what, _) in part.Slacks)
                {
                    if (part.Solution.Value(slack) > 1e-7)
                    {
                        shortfall = true;
                        var isVoltage = what.StartsWith("the voltage", StringComparison.Ordinal);
                        var shortBy = part.Solution.Value(slack) / (isVoltage || what.StartsWith("request", StringComparison.Ordinal) ? 1 : _phases);
                        notes.Add($"Slot {_slot}: the offers cannot meet {what} (short by {shortBy:0.######} {(isVoltage ? "in squared p.u." : "MW")}): no offer with a useful sensitivity has volume left.");
                    }
                }

                var dualSolution = part.Solution;
                if (part.Integers.Count > 0)
                {
                    // Duals of a MILP: fix the integer decisions and solve the remaining LP.
                    foreach (var x in part.Integers)
                    {
                        var value = Math.Round(part.Solution.Value(x));
                        part.Model.SetBounds(x, value, value);
                        part.Model.Relax(x);
                    }

                    dualSolution = Solvers.For(part.Model).Solve(part.Model);
                    if (!dualSolution.HasValues)
                    {
                        dualSolution = part.Solution;
                    }
                }

                duals.AddRange(part.Rows.Select(r => (r.Limit is null ? _rows.Count + r.Request : _rows.IndexOf(r.Limit), r.Row.Index < dualSolution.Duals.Count ? dualSolution.Dual(r.Row) : 0, r.Limit, r.Request)));
            }

            return (activation, [.. duals.OrderBy(d => d.Order).Select(d => (d.Dual, d.Limit, d.Request))], shortfall);
        }

        notes.Add($"Slot {_slot}: the thermal cuts did not settle within {MaxCuts} iterations.");
        return null;
    }

    /// <summary>
    /// The independent parts of the selection problem: limit rows and requests joined when an offer moves both, each
    /// with the offers that move any of them. One part with everything in reference mode or when an offer costs nothing
    /// (such an offer may be selected without moving any row).
    /// </summary>
    private List<(int[] RowIds, int[] RequestIds, bool[] Include)> Parts()
    {
        var nodes = _rows.Count + _requests.Count;
        var n = _candidates.Count;
        if (_options.ReferenceMode || _candidates.Any(c => !(c.CostEurPerActivation > 0)))
        {
            return [([.. Enumerable.Range(0, _rows.Count)], [.. Enumerable.Range(0, _requests.Count)], [.. Enumerable.Repeat(true, n)])];
        }

        var parent = Enumerable.Range(0, nodes).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var first = new int[n];
        for (var j = 0; j < n; j++)
        {
            first[j] = -1;
            for (var node = 0; node < nodes; node++)
            {
                var touches = node < _rows.Count ? _coefficients[node][j] != 0 : _requests[node - _rows.Count].Members[j];
                if (!touches)
                {
                    continue;
                }

                if (first[j] < 0)
                {
                    first[j] = node;
                }
                else
                {
                    parent[Find(node)] = Find(first[j]);
                }
            }
        }

        var parts = new List<(int[] RowIds, int[] RequestIds, bool[] Include)>();
        foreach (var group in Enumerable.Range(0, nodes).GroupBy(Find).OrderBy(g => g.Min()))
        {
            var root = group.Key;
            var include = new bool[n];
            for (var j = 0; j < n; j++)
            {
                include[j] = first[j] >= 0 && Find(first[j]) == root;
            }

            parts.Add(([.. group.Where(x => x < _rows.Count)], [.. group.Where(x => x >= _rows.Count).Select(x => x - _rows.Count)], include));
        }

        return parts;
    }

    private (OptimizationModel Model, Variable?[] A, List<Variable> Integers, List<(Constraint, FlexLimitRow?, int)> Rows, List<(Variable Slack, string What, int Branch)> Slacks) Build(FlexLinearState baseState, int[] rowIds, int[] requestIds, bool[] include)
    {
        var coefficients = _coefficients;
        var model = new OptimizationModel($"flex-slot-{_slot}");
        var objective = new LinearExpression();
        var a = new Variable?[_candidates.Count];
        var integers = new List<Variable>();
        for (var j = 0; j < _candidates.Count; j++)
        {
            var c = _candidates[j];
            if (!include[j])
            {
                // An offer that costs and moves no row or request of this part is not selected in it (docs/mechanisms/flexibility.md#performance).
                continue;
            }

            var x = model.AddVariable(0, 1, $"a[{c.Offer.Id}]");
            a[j] = x;
            objective.Add(x, c.CostEurPerActivation);
            var min = c.Offer.MinActivationFactor;
            if (min > 0)
            {
                var z = model.AddBinary($"z[{c.Offer.Id}]");
                integers.Add(z);
                model.AddLessOrEqual(x - z, 0);
                model.AddGreaterOrEqual(new LinearExpression().Add(x, 1).Add(z, -min), 0);
            }

            var quantityMw = c.Offer.QuantityKw / 1000;
            if (_granularityMw > 0 && quantityMw > 0)
            {
                var steps = model.AddInteger(0, Math.Floor((quantityMw / _granularityMw) + 1e-9), $"n[{c.Offer.Id}]");
                integers.Add(steps);
                model.AddEquality(new LinearExpression().Add(x, quantityMw).Add(steps, -_granularityMw), 0);
            }
        }

        var penalty = _options.ShortfallPenaltyEurPerMwh * _hours;
        var rows = new List<(Constraint, FlexLimitRow?, int)>();
        var slacks = new List<(Variable Slack, string What, int Branch)>();
        var index = _lin.Index;
        foreach (var r in rowIds)
        {
            var row = _rows[r];
            var e = new LinearExpression();
            for (var j = 0; j < _candidates.Count; j++)
            {
                if (a[j] is { } x)
                {
                    e.Add(x, coefficients[r][j]);
                }
            }

            if (row.IsVoltage)
            {
                var i = row.Element;
                var (lo, hi) = SquaredBand(i);
                var constant = baseState.SquaredVoltage![i] + _correction[_branches + i];
                var up = model.AddVariable(0, double.PositiveInfinity, $"short-v+[{i}]");
                var down = model.AddVariable(0, double.PositiveInfinity, $"short-v-[{i}]");
                e.Add(up, -1).Add(down, 1);
                objective.Add(up, penalty).Add(down, penalty);
                slacks.Add((up, $"the voltage limit at bus {BusName(i)}", -1));
                slacks.Add((down, $"the voltage limit at bus {BusName(i)}", -1));
                rows.Add((model.AddConstraint(e, lo - constant, hi - constant, $"v[{BusName(i)}]"), row, -1));
            }
            else
            {
                var k = row.Element;
                var constantMw = ((row.Cos * baseState.BranchP[k]) + (row.Sin * baseState.BranchQ[k]) + _correction[k]) * _baseMva;
                var slack = model.AddVariable(0, double.PositiveInfinity, $"short-s[{BranchName(k)}]");
                e.Add(slack, -1);
                objective.Add(slack, penalty);
                slacks.Add((slack, $"the rating of branch {BranchName(k)}", k));
                rows.Add((model.AddLessOrEqual(e, (index.RatingPu[k / _phases] * _baseMva) - constantMw, $"s[{BranchName(k)}]"), row, -1));
            }
        }

        foreach (var r in requestIds)
        {
            var (request, members) = _requests[r];
            var e = new LinearExpression();
            for (var j = 0; j < _candidates.Count; j++)
            {
                if (members[j] && a[j] is { } x)
                {
                    e.Add(x, _candidates[j].Offer.PowerKw / 1000);
                }
            }

            var slack = model.AddVariable(0, double.PositiveInfinity, $"short-r[{request.Id}]");
            e.Add(slack, 1);
            objective.Add(slack, penalty);
            slacks.Add((slack, $"request {request.Id}", -1));
            var upper = request.AvailableKw is { } available ? available / 1000 : double.PositiveInfinity;
            rows.Add((model.AddConstraint(e, request.RequestedKw / 1000, upper, $"r[{request.Id}]"), null, r));
        }

        model.SetObjective(objective);
        return (model, a, integers, rows, slacks);
    }

    /// <summary>
    /// The coefficient of every candidate's activation factor in a limit row: the change of the squared voltage (p.u.²)
    /// or of the cut's measure cos·P + sin·Q (MW) at full activation.
    /// </summary>
    private double[] Coefficients(FlexLimitRow row)
    {
        var result = new double[_candidates.Count];
        for (var j = 0; j < _candidates.Count; j++)
        {
            var c = _candidates[j];
            var sp = Sensitivity(c, false);
            var sq = Sensitivity(c, true);
            result[j] = row.IsVoltage
                ? (sp.SquaredVoltage![row.Element] * c.DeltaPMw / _baseMva) + (sq.SquaredVoltage![row.Element] * c.DeltaQMvar / _baseMva)
                : (c.DeltaPMw * ((row.Cos * sp.BranchP[row.Element]) + (row.Sin * sp.BranchQ[row.Element])))
                    + (c.DeltaQMvar * ((row.Cos * sq.BranchP[row.Element]) + (row.Sin * sq.BranchQ[row.Element])));
        }

        return result;
    }

    private void Relinearise(double[] activation, FlexAcSlot ac)
    {
        var (p, q) = Injections(activation);
        var state = _options.ReferenceMode ? FlexLinearState.Sum(_lin, p, q) : _lin.StateAt(p, q);
        var index = _lin.Index;
        for (var k = 0; k < _branches; k++)
        {
            var rating = index.RatingPu[k / _phases];
            if (double.IsFinite(rating) && rating > 0)
            {
                var s = Math.Sqrt((state.BranchP[k] * state.BranchP[k]) + (state.BranchQ[k] * state.BranchQ[k]));
                _correction[k] = (ac.LoadingPercent[k] / 100 * rating) - s;
            }
        }

        if (state.SquaredVoltage is { } v)
        {
            for (var i = 0; i < _buses; i++)
            {
                _correction[_branches + i] = (ac.VoltagesPu[i] * ac.VoltagesPu[i]) - v[i];
            }
        }

        AddViolatedRows(state);
    }

    private List<FlexBusPrice> Zeros() => [.. Enumerable.Range(0, _lin.Index.BusCount).Select(i => new FlexBusPrice(_lin.Index.BusIdOf(i), _slot, 0, 0))];

    /// <summary>
    /// π_i = Σ_rows y_r·∂m_r/∂p_i / Δt: the value of one more MW injected at bus i, from the duals y = ∂cost/∂(bound) of
    /// the limit rows (docs/mechanisms/flexibility.md#prices).
    /// </summary>
    private List<FlexBusPrice> Prices(List<(double Dual, FlexLimitRow? Limit, int Request)> rows)
    {
        var binding = rows.Where(r => r.Limit is not null && Math.Abs(r.Dual) > 1e-12).ToList();
        // Per bus, for a balanced (abc) injection; a per-phase model's Of(bus, reactive) is the abc one.
        var result = new List<FlexBusPrice>(_lin.Index.BusCount);
        for (var i = 0; i < _lin.Index.BusCount; i++)
        {
            double active = 0, reactive = 0;
            if (binding.Count > 0)
            {
                var sp = _lin.Of(i, false);
                var sq = _lin.Of(i, true);
                foreach (var (y, limit, _) in binding)
                {
                    active += y * Derivative(limit!, sp);
                    reactive += y * Derivative(limit!, sq);
                }
            }

            result.Add(new FlexBusPrice(_lin.Index.BusIdOf(i), _slot, Clean(active / _hours), Clean(reactive / _hours)));
        }

        return result;
    }

    /// <summary>∂(row measure)/∂(injection in MW) for a sensitivity per p.u.</summary>
    private double Derivative(FlexLimitRow row, FlexSensitivity s) => row.IsVoltage
        ? (s.SquaredVoltage?[row.Element] ?? 0) / _baseMva
        : (row.Cos * s.BranchP[row.Element]) + (row.Sin * s.BranchQ[row.Element]);

    private List<FlexLimitDual> BindingLimits(List<(double Dual, FlexLimitRow? Limit, int Request)> rows)
    {
        var result = new List<FlexLimitDual>();
        foreach (var (y, limit, request) in rows)
        {
            if (Math.Abs(y) <= 1e-12)
            {
                continue;
            }

            var (kind, element) = limit is null
                ? ("request", _requests[request].Request.Id)
                : limit.IsVoltage ? ("voltage", BusName(limit.Element)) : ("thermal", BranchName(limit.Element));
            var existing = result.FindIndex(d => d.Kind == kind && d.Element == element);
            // A per-phase thermal row measures 3× the phase's MW (flows in p.u. of S_base/3 times S_base): per phase MW the dual is 3·y.
            var value = Math.Abs(y) / _hours * (limit is { IsVoltage: false } ? _phases : 1);
            if (existing >= 0)
            {
                result[existing] = result[existing] with { Dual = Clean(result[existing].Dual + value) };
            }
            else
            {
                result.Add(new FlexLimitDual(_slot, kind, element, Clean(value)));
            }
        }

        return result;
    }

    private static double Clean(double v) => Math.Abs(v) < 1e-9 ? 0 : Math.Round(v, 9);
}
