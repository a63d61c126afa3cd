using System.Diagnostics;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Lem.Domain.Progress;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Solves many snapshots of one network (a <see cref="LoadProfile"/>) reusing all structure: one solver per worker
/// thread, the injection vector rebuilt in place per step from a precomputed load→bus map, and a warm start from the
/// previous step's voltages.
/// </summary>
/// <remarks>
/// The steps are cut into fixed chunks of <see cref="StepsPerChunk"/> consecutive steps that workers take in turn.
/// Each chunk starts from the start voltages of <see cref="NewtonRaphsonStart.Voltages"/> (the model's start values
/// with <see cref="PowerFlowOptions.FlatStart"/>, transformer phase shifts applied to the angles) and warm-starts every later step from the previous one; after a step
/// that did not converge the next starts from the start voltages again. Because the chunks do not depend on the
/// number of workers, the results are bit-for-bit the same for any degree of parallelism whenever a solve depends
/// only on its inputs, as the sweep's does (a solver that carries state between solves, such as a reused pivot
/// order, may differ in the last bits).
/// </remarks>
public static class PowerFlowTimeSeries
{
    /// <summary>The number of consecutive steps one worker solves with warm starts before taking the next chunk.</summary>
    public const int StepsPerChunk = 32;

    /// <summary>Below this many bus-steps (steps × buses) a run uses one worker unless a degree of parallelism is given.</summary>
    public const long MinBusStepsForParallel = 50_000;

    /// <summary>Runs the time series.</summary>
    /// <param name="model">The network model; its loads 0 .. profile.LoadCount − 1 (in <see cref="Network.GridNetwork.Loads"/> order) take the profile's values.</param>
    /// <param name="profile">The load values per step; check it first with <see cref="LoadProfile.Validate"/>.</param>
    /// <param name="options">Options passed to the solver factory.</param>
    /// <param name="solverFactory">Creates one solver per worker, for example <c>(m, o) =&gt; new BackwardForwardSweepSolver(m, o)</c>.</param>
    /// <param name="degreeOfParallelism">The number of workers; by default <see cref="Environment.ProcessorCount"/> for large runs and 1 for small ones.</param>
    /// <param name="progress">Where the steps done are reported after every chunk (<see cref="ProgressPhases.PowerFlowSeries"/>), or null.</param>
    /// <returns>One <see cref="StepResult"/> per step and the wall time.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When the profile has more loads than the network (see <see cref="LoadProfile.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="degreeOfParallelism"/> is less than 1.</exception>
    public static TimeSeriesResult Run(
        PowerFlowModel model,
        LoadProfile profile,
        PowerFlowOptions options,
        Func<PowerFlowModel, PowerFlowOptions, IPowerFlowSolver> solverFactory,
        int? degreeOfParallelism = null,
        IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(solverFactory);
        if (degreeOfParallelism is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1, nameof(degreeOfParallelism));
        }

        var problems = profile.Validate(model.Index.Network);
        if (problems.Count > 0)
        {
            throw new ArgumentException(problems[0].ToString(), nameof(profile));
        }

        var clock = Stopwatch.StartNew();
        var plan = new Plan(model, profile, options);
        var steps = profile.StepCount;
        var chunkCount = (steps + StepsPerChunk - 1) / StepsPerChunk;
        var workers = degreeOfParallelism ??
            ((long)steps * Math.Max(1, model.BusCount) >= MinBusStepsForParallel ? Environment.ProcessorCount : 1);
        workers = Math.Max(1, Math.Min(workers, chunkCount));

        var results = new StepResult[steps];
        var algorithms = new PowerFlowAlgorithm[workers];
        var nextChunk = -1;
        var stepsDone = 0;
        void Work(int worker)
        {
            using var solver = solverFactory(model, options);
            algorithms[worker] = solver.Algorithm;
            var state = new WorkerState(model.BusCount);
            int chunk;
            while ((chunk = Interlocked.Increment(ref nextChunk)) < chunkCount)
            {
                var first = chunk * StepsPerChunk;
                var last = Math.Min(steps, first + StepsPerChunk);
                plan.StartVoltages.CopyTo(state.Voltages, 0);
                for (var step = first; step < last; step++)
                {
                    results[step] = plan.Solve(solver, step, state);
                }

                progress?.Report(new ProgressUpdate(ProgressPhases.PowerFlowSeries, Interlocked.Add(ref stepsDone, last - first), steps));
            }
        }

        if (workers == 1)
        {
            Work(0);
        }
        else
        {
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, Work);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                throw;
            }
        }

        return new TimeSeriesResult(results, algorithms[0], workers, clock.Elapsed.TotalSeconds);
    }

    /// <summary>What one worker owns: the injections and voltages it solves in place.</summary>
    private sealed class WorkerState(int busCount)
    {
        public Complex[] Sbus { get; } = new Complex[busCount];

        public Complex[] Voltages { get; } = new Complex[busCount];
    }

    /// <summary>The read-only tables shared by all workers.</summary>
    private sealed class Plan
    {
        private readonly LoadProfile _profile;
        private readonly PowerFlowModel _model;
        private readonly double _baseMva;
        private readonly Complex[] _baseSbus;
        private readonly int[] _loadBus;
        private readonly double[] _loadScaling;
        private readonly int[] _from;
        private readonly int[] _to;
        private readonly Complex[] _tap;
        private readonly Complex[] _z;
        private readonly BusId[] _busIds;
        private readonly int[] _slackBuses;
        private readonly double[] _slackGenPu;
        private readonly int[] _slackRowStart;
        private readonly int[] _slackRowColumn;
        private readonly Complex[] _slackRowValue;

        public Plan(PowerFlowModel model, LoadProfile profile, PowerFlowOptions options)
        {
            _profile = profile;
            var index = model.Index;
            var n = model.BusCount;
            _baseMva = index.BaseMva;
            _model = model;
            StartVoltages = NewtonRaphsonStart.Voltages(model, options.FlatStart);

            // Profile load k = network load k; find its solver bus (−1 when out of service or on a dead bus).
            var networkLoads = index.Network.Loads;
            _loadBus = new int[profile.LoadCount];
            _loadScaling = new double[profile.LoadCount];
            var profiled = new bool[index.Loads.Length];
            var j = 0;
            for (var k = 0; k < networkLoads.Count; k++)
            {
                var inIndex = j < index.Loads.Length && ReferenceEquals(index.Loads[j], networkLoads[k]);
                if (k < profile.LoadCount)
                {
                    _loadBus[k] = inIndex ? index.LoadBusIndex[j] : -1;
                    _loadScaling[k] = networkLoads[k].Scaling;
                    if (inIndex)
                    {
                        profiled[j] = true;
                    }
                }

                if (inIndex)
                {
                    j++;
                }
            }

            // Base injections: generation minus the loads that the profile does not replace.
            _baseSbus = new Complex[n];
            for (var i = 0; i < n; i++)
            {
                _baseSbus[i] = new Complex(index.PGenPu[i], index.QGenPu[i]);
            }

            for (var l = 0; l < index.Loads.Length; l++)
            {
                if (!profiled[l])
                {
                    var load = index.Loads[l];
                    _baseSbus[index.LoadBusIndex[l]] -= new Complex(load.ScaledPMw / _baseMva, load.ScaledQMvar / _baseMva);
                }
            }

            var m = model.BranchCount;
            _from = [.. index.FromIndex];
            _to = [.. index.ToIndex];
            _tap = new Complex[m];
            _z = new Complex[m];
            for (var k = 0; k < m; k++)
            {
                _tap[k] = BranchLosses.Tap(index, k);
                _z[k] = BranchLosses.SeriesImpedancePu(index, k);
            }

            _busIds = [.. index.BusIds];

            // The Ybus rows of the slack buses, for their injections.
            _slackBuses = model.SlackBuses;
            _slackGenPu = [.. _slackBuses.Select(s => index.PGenPu[s])];
            _slackRowStart = new int[_slackBuses.Length + 1];
            var columns = new List<int>();
            var values = new List<Complex>();
            for (var s = 0; s < _slackBuses.Length; s++)
            {
                for (var col = 0; col < n; col++)
                {
                    var p = model.Ybus.Find(_slackBuses[s], col);
                    if (p >= 0)
                    {
                        columns.Add(col);
                        values.Add(model.Ybus.Values[p]);
                    }
                }

                _slackRowStart[s + 1] = columns.Count;
            }

            _slackRowColumn = [.. columns];
            _slackRowValue = [.. values];
        }

        public Complex[] StartVoltages { get; }

        /// <summary>Builds the step's injections, solves in place and evaluates; no allocation.</summary>
        public StepResult Solve(IPowerFlowSolver solver, int step, WorkerState state)
        {
            var sbus = state.Sbus;
            var v = state.Voltages;
            _baseSbus.CopyTo(sbus, 0);
            var p = _profile.PMwAt(step);
            var q = _profile.QMvarAt(step);
            for (var k = 0; k < _loadBus.Length; k++)
            {
                var bus = _loadBus[k];
                if (bus >= 0)
                {
                    sbus[bus] -= new Complex(p[k] * _loadScaling[k] / _baseMva, q[k] * _loadScaling[k] / _baseMva);
                }
            }

            var stats = solver.Solve(sbus, v);
            var label = _profile.StepNumber(step);
            if (stats.Status != PowerFlowStatus.Converged)
            {
                StartVoltages.CopyTo(v, 0);
                return new StepResult(label, stats.Status, stats.Iterations, double.NaN, default, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            var vmin = double.PositiveInfinity;
            var imin = 0;
            for (var i = 0; i < v.Length; i++)
            {
                var vm = v[i].Magnitude;
                if (vm < vmin)
                {
                    (vmin, imin) = (vm, i);
                }
            }

            var lossP = 0.0;
            for (var k = 0; k < _from.Length; k++)
            {
                lossP += BranchLosses.SeriesLossPu(v[_from[k]], v[_to[k]], _tap[k], _z[k]).Real;
            }

            var slackP = 0.0;
            for (var s = 0; s < _slackBuses.Length; s++)
            {
                var current = Complex.Zero;
                for (var e = _slackRowStart[s]; e < _slackRowStart[s + 1]; e++)
                {
                    current += _slackRowValue[e] * v[_slackRowColumn[e]];
                }

                var bus = _slackBuses[s];
                var injected = v[bus] * Complex.Conjugate(current);

                // Slack generation = injection + the bus's own load (generation − specified injection).
                slackP += (injected.Real + _slackGenPu[s] - sbus[bus].Real) * _baseMva;
            }

            var (noLoad, shunt) = BranchLosses.ShuntLossesPu(_model, v);
            return new StepResult(label, stats.Status, stats.Iterations, vmin, v.Length > 0 ? _busIds[imin] : default, lossP * _baseMva, slackP, noLoad * _baseMva, shunt * _baseMva);
        }
    }
}
