using System.Diagnostics;
using Lem.Domain.Sampling;
using Lem.Markets.OrderBook;
using Lem.Markets.Pool;
using Lem.Scenarios.Examples;

namespace Lem.Cli.Commands;

/// <summary><c>lem bench pf</c>: measures power-flow performance on the reference grids and prints plain figures.</summary>
public static class BenchCommand
{
    /// <summary>Creates the <c>bench</c> command with its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var bench = new Command("bench", "Measure performance on reference cases and print plain figures (median of several runs).");
        var format = CommonOptions.Format();
        var runs = new Option<int>("--runs") { Description = "Measured runs per figure (the median is reported).", DefaultValueFactory = _ => 5 };
        var grids = new Option<string?>("--grids") { Description = "The reference grids folder (default: shared/data/grids beside the checkout, or LEM_SHARED_DIR/data/grids)." };
        var pf = new Command("pf", "Newton-Raphson on case1354pegase and case2869pegase; the 1000-step time series of the radial1001 benchmark grid.") { format, runs, grids };
        pf.SetAction(parse =>
        {
            var n = parse.GetValue(runs);
            if (n is < 1 or > 1000)
            {
                context.Error.WriteLine($"lem: --runs must be between 1 and 1000, not {n}.");
                return ExitCodes.Usage;
            }

            var dir = GridsFolder.Find(parse.GetValue(grids));
            if (dir is null)
            {
                context.Error.WriteLine("lem: the reference grids folder was not found; pass --grids DIR (the folder holding matpower/ and benchmark/).");
                return ExitCodes.InvalidInput;
            }

            return RunPowerFlow(context, dir, n, parse.GetValue(format)!);
        });
        bench.Subcommands.Add(pf);

        var clearingFormat = CommonOptions.Format();
        var clearingRuns = new Option<int>("--runs") { Description = "Measured runs per figure (the median is reported).", DefaultValueFactory = _ => 3 };
        var clearingGrids = new Option<string?>("--grids") { Description = "The reference grids folder (default: shared/data/grids beside the checkout, or LEM_SHARED_DIR/data/grids)." };
        var participants = new Option<int>("--participants") { Description = "Households in the synthetic community.", DefaultValueFactory = _ => 1000 };
        var clearing = new Command("clearing", "Pool clearing of a synthetic community (load, PV, battery, EV mix) × 96 slots on the 33-bus feeder with LinDistFlow and on copper plate.") { clearingFormat, clearingRuns, clearingGrids, participants };
        clearing.SetAction(parse =>
        {
            var n = parse.GetValue(clearingRuns);
            var p = parse.GetValue(participants);
            if (n is < 1 or > 100 || p is < 1 or > 100_000)
            {
                context.Error.WriteLine("lem: --runs must be between 1 and 100 and --participants between 1 and 100000.");
                return ExitCodes.Usage;
            }

            var dir = GridsFolder.Find(parse.GetValue(clearingGrids));
            if (dir is null)
            {
                context.Error.WriteLine("lem: the reference grids folder was not found; pass --grids DIR (the folder holding matpower/).");
                return ExitCodes.InvalidInput;
            }

            return RunClearing(context, dir, p, n, parse.GetValue(clearingFormat)!);
        });
        bench.Subcommands.Add(clearing);

        var p2pFormat = CommonOptions.Format();
        var p2pRuns = new Option<int>("--runs") { Description = "Measured runs per figure (the median is reported).", DefaultValueFactory = _ => 3 };
        var p2pAgents = new Option<int?>("--agents") { Description = "Instead of the two reference cases: one deterministic random market of this many quadratic agents (half producers, half consumers; seeded)." };
        var p2pPartners = new Option<int>("--partners") { Description = "With --agents: partners each producer draws on the consumer side.", DefaultValueFactory = _ => 10 };
        var p2pSlots = new Option<int>("--slots") { Description = "With --agents: slots of the market.", DefaultValueFactory = _ => 24 };
        var p2p = new Command("p2p", "Peer-to-peer consensus ADMM: 1000 agents with 10 partners each over 24 slots, and 100 agents on a complete graph, to 1e-4; or, with --agents N, N agents × --partners × --slots (goal for 10,000 × 10 × 24: ≤ 10 s).") { p2pFormat, p2pRuns, p2pAgents, p2pPartners, p2pSlots };
        p2p.SetAction(parse =>
        {
            var n = parse.GetValue(p2pRuns);
            var size = parse.GetValue(p2pAgents);
            var k = parse.GetValue(p2pPartners);
            var t = parse.GetValue(p2pSlots);
            if (n is < 1 or > 100 || size is < 2 or > 1_000_000 || k is < 1 or > 10_000 || t is < 1 or > 10_000)
            {
                context.Error.WriteLine("lem: --runs must be between 1 and 100, --agents between 2 and 1000000, --partners between 1 and 10000 and --slots between 1 and 10000.");
                return ExitCodes.Usage;
            }

            return size is { } agents ? RunP2pMarket(context, agents, k, t, n, parse.GetValue(p2pFormat)!) : RunP2p(context, n, parse.GetValue(p2pFormat)!);
        });
        bench.Subcommands.Add(p2p);

        var bookFormat = CommonOptions.Format();
        var bookRuns = new Option<int>("--runs") { Description = "Measured runs (the median of each figure is reported).", DefaultValueFactory = _ => 3 };
        var operations = new Option<int>("--operations") { Description = "Operations per run (about 60 % resting limit orders, 30 % cancels, 10 % aggressive orders).", DefaultValueFactory = _ => 10_000_000 };
        var orderbook = new Command("orderbook", "Continuous order book: a deterministic mixed stream over 1000 price levels, single thread, in process, after warm-up.") { bookFormat, bookRuns, operations };
        orderbook.SetAction(parse =>
        {
            var n = parse.GetValue(bookRuns);
            var ops = parse.GetValue(operations);
            if (n is < 1 or > 100 || ops is < 1000 or > 200_000_000)
            {
                context.Error.WriteLine("lem: --runs must be between 1 and 100 and --operations between 1000 and 200000000.");
                return ExitCodes.Usage;
            }

            return RunOrderBook(context, ops, n, parse.GetValue(bookFormat)!);
        });
        bench.Subcommands.Add(orderbook);

        var allocateFormat = CommonOptions.Format();
        var members = new Option<int>("--participants") { Description = "Members of the synthetic community (loads and PV, no storage).", DefaultValueFactory = _ => 200 };
        var target = new Option<double>("--target") { Description = "Stop when every member's 95 % half-width is at most this fraction of the mean absolute allocation.", DefaultValueFactory = _ => 0.01 };
        var allocate = new Command("allocate", "Monte Carlo Shapley cost allocation: 200 members × 96 slots, sampled until every 95 % half-width is ≤ 1 % of the mean absolute allocation (one run after warm-up).") { allocateFormat, members, target };
        allocate.SetAction(parse =>
        {
            var p = parse.GetValue(members);
            var tgt = parse.GetValue(target);
            if (p is < 2 or > 100_000 || !(tgt > 0 && tgt < 1))
            {
                context.Error.WriteLine("lem: --participants must be between 2 and 100000 and --target between 0 and 1 (0.01 = 1 %).");
                return ExitCodes.Usage;
            }

            return Print(context, parse.GetValue(allocateFormat)!, 1, AllocateBench.Measure(p, tgt, 1), [("target_met", ">=", 1)]);
        });
        bench.Subcommands.Add(allocate);

        var distributedFormat = CommonOptions.Format();
        var distributedScenario = new Option<string>("--scenario") { Description = "The scenario to clear: a path from the current folder, or else from the repository's root (found from any folder).", DefaultValueFactory = _ => Path.Combine("examples", "village", "scenario.json") };
        var distributed = new Command("distributed", "Distributed clearing of the village (58 agents with batteries, EVs and heat pumps × 96 slots) by exchange, community and P2P ADMM, against the centralised pool on copper plate in the same run (one run each).") { distributedFormat, distributedScenario };
        distributed.SetAction(parse =>
        {
            var given = parse.GetValue(distributedScenario)!;
            return RunDistributed(context, RepositoryFiles.Find(given) ?? given, parse.GetValue(distributedFormat)!);
        });
        bench.Subcommands.Add(distributed);
        bench.Subcommands.Add(ClusterBenchCommand.Create(context));
        bench.Subcommands.Add(LoadTestCommand.CreateBench(context));
        bench.Subcommands.Add(CreateFlex(context));
        bench.Subcommands.Add(SimulateBench.Create(context, (c, f, r, figures, goals) => Print(c, f, r, figures, goals)));
        bench.Subcommands.Add(PfThreePhaseBench.Create(context, (c, f, r, figures, goals) => Print(c, f, r, figures, goals)));
        return bench;
    }

    private static Command CreateFlex(CliContext context)
    {
        var format = CommonOptions.Format();
        var runs = new Option<int>("--runs") { Description = "Measured runs (the median total is reported).", DefaultValueFactory = _ => 3 };
        var grids = new Option<string?>("--grids") { Description = "The reference grids folder (default: shared/data/grids beside the checkout, or LEM_SHARED_DIR/data/grids)." };
        var offers = new Option<int>("--offers") { Description = "Offers of the seeded case.", DefaultValueFactory = _ => 2000 };
        var slots = new Option<int>("--slots") { Description = "Slots of the day.", DefaultValueFactory = _ => 96 };
        var flex = new Command("flex", "Flexibility clearing on radial1001: automatic requests, selection of 2000 offers over 96 slots, AC check and relinearisation rounds (goal ≤ 5 s).") { format, runs, grids, offers, slots };
        flex.SetAction(parse =>
        {
            var (n, o, t) = (parse.GetValue(runs), parse.GetValue(offers), parse.GetValue(slots));
            if (n is < 1 or > 100 || o is < 1 or > 1_000_000 || t is < 1 or > 10_000)
            {
                context.Error.WriteLine("lem: --runs must be between 1 and 100, --offers between 1 and 1000000 and --slots between 1 and 10000.");
                return ExitCodes.Usage;
            }

            string? error = "the reference grids folder was not found; pass --grids DIR (the folder holding benchmark/)";
            var dir = GridsFolder.Find(parse.GetValue(grids));
            if ((dir is null ? null : FlexBench.Case(dir, o, t, 16, out error)) is not { } c)
            {
                context.Error.WriteLine($"lem: {error}.");
                return ExitCodes.InvalidInput;
            }

            return Print(context, parse.GetValue(format)!, n, FlexBench.Measure(c.Grid, c.Market, n), [("flex_total_s", "<=", 5)]);
        });
        return flex;
    }

    private static int RunDistributed(CliContext context, string path, string format)
    {
        var load = Lem.Scenarios.ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors);
            return ExitCodes.InvalidInput;
        }

        var scenario = load.Scenario!;
        var figures = new List<(string Key, double Value, string Unit, string What)>();
        var goals = new List<(string Figure, string Comparison, double Target)>();
        var clock = Stopwatch.StartNew();
        var pool = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var poolSeconds = clock.Elapsed.TotalSeconds;
        var poolWelfare = (double)pool.WelfareEur;
        figures.Add(("pool_copperplate_s", poolSeconds, "s", $"{scenario.Name}: centralised pool on copper plate, {pool.Status}, welfare {poolWelfare:0.000000} EUR"));
        foreach (var mechanism in new[] { Lem.Markets.Distributed.DistributedMechanism.Exchange, Lem.Markets.Distributed.DistributedMechanism.Community, Lem.Markets.Distributed.DistributedMechanism.P2p })
        {
            var r = Lem.Markets.Distributed.DistributedClearing.Run(scenario, mechanism);
            var key = mechanism.ToString().ToLowerInvariant();
            var gap = Math.Abs((double)r.WelfareEur - poolWelfare) / Math.Max(1e-9, Math.Abs(poolWelfare));
            var what = $"{scenario.Name}: {key} ADMM, {r.Status} in {r.Iterations} iterations, {r.Messages} messages, welfare {(double)r.WelfareEur:0.000000} EUR";
            figures.Add(($"{key}_s", r.WallSeconds, "s", what));
            figures.Add(($"{key}_iterations", r.Iterations, string.Empty, what));
            figures.Add(($"{key}_ms_per_iteration", 1000 * r.WallSeconds / Math.Max(1, r.Iterations), "ms", what));
            figures.Add(($"{key}_welfare_gap_ppm", gap * 1e6, "ppm", $"{key}: |W − W_pool| / |W_pool| in parts per million (acceptance: ≤ 1000)"));
            goals.Add(($"{key}_welfare_gap_ppm", "<=", 1000));
        }

        return Print(context, format, 1, figures, goals);
    }

    private static int RunPowerFlow(CliContext context, string dir, int runs, string format)
    {
        var figures = new List<(string Key, double Value, string Unit, string What)>();
        foreach (var name in new[] { "case1354pegase", "case2869pegase" })
        {
            var net = Import(context, Path.Combine(dir, "matpower", name + ".m"));
            if (net is null)
            {
                return ExitCodes.InvalidInput;
            }

            var options = new PowerFlowOptions { Algorithm = PowerFlowAlgorithm.NewtonRaphson };
            var full = Median(runs, () => AcPowerFlow.Run(PowerFlowModel.Build(NetworkIndex.Build(net)), options), out var result);
            var model = PowerFlowModel.Build(NetworkIndex.Build(net));
            using var solver = AcPowerFlow.CreateSolver(model, options);
            var solveOnly = Median(runs, () =>
            {
                var v = model.StartVoltages(false);
                return solver.Solve(model.SpecifiedSbusPu, v);
            }, out _);
            figures.Add(($"{name}_nr_ms", full * 1000, "ms", $"{name}: Newton-Raphson, index + Ybus + symbolic analysis + solve ({result.Iterations} iterations, {(result.Converged ? "converged" : "NOT converged")})"));
            figures.Add(($"{name}_nr_solve_only_ms", solveOnly * 1000, "ms", $"{name}: Newton-Raphson iterations only, structure prepared"));
        }

        var radial = Import(context, Path.Combine(dir, "benchmark", "radial1001.m"));
        if (radial is null)
        {
            return ExitCodes.InvalidInput;
        }

        var profilePath = Path.Combine(dir, "benchmark", "radial1001_profiles.csv.gz");
        var read = LoadProfile.ReadCsv(profilePath);
        if (read.Profile is null || read.Errors.Count > 0)
        {
            ErrorPrinter.Text(context, profilePath, read.Errors);
            return ExitCodes.InvalidInput;
        }

        var radialModel = PowerFlowModel.Build(NetworkIndex.Build(radial));
        var steps = read.Profile.StepCount;
        foreach (var (key, algorithm, label) in new[]
                 {
                     ("radial1001_timeseries_s", PowerFlowAlgorithm.BackwardForwardSweep, "backward/forward sweep (the automatic choice)"),
                     ("radial1001_timeseries_nr_s", PowerFlowAlgorithm.NewtonRaphson, "Newton-Raphson with KLU (baseline, same run)"),
                 })
        {
            var options = new PowerFlowOptions { Algorithm = algorithm };
            var seconds = Median(runs, () => PowerFlowTimeSeries.Run(radialModel, read.Profile, options, AcPowerFlow.CreateSolver), out var series);
            var ok = series.Steps.All(s => s.Status == PowerFlowStatus.Converged);
            figures.Add((key, seconds, "s", $"radial1001, {steps} steps, {label}{(ok ? string.Empty : ", NOT all converged")}"));
            figures.Add((key.Replace("_s", "_ms_per_step", StringComparison.Ordinal), seconds * 1000 / steps, "ms", $"radial1001, per step, {label}"));
        }

        var single = Median(runs, () => AcPowerFlow.Run(radialModel), out _);
        figures.Add(("radial1001_snapshot_ms", single * 1000, "ms", "radial1001, one snapshot (base loads), automatic algorithm"));

        return Print(context, format, runs, figures, [("case1354pegase_nr_ms", "<=", 20)], powerFlowReferences: true);
    }

    private static int RunClearing(CliContext context, string dir, int participants, int runs, string format)
    {
        var import = GridImporter.Import(Path.Combine(dir, "matpower", "case33bw.m"));
        if (!import.Succeeded)
        {
            ErrorPrinter.Text(context, "case33bw.m", import.Errors);
            return ExitCodes.InvalidInput;
        }

        var figures = new List<(string Key, double Value, string Unit, string What)>();
        foreach (var (name, grid) in new[] { ("lindistflow", import.Network), ("copperplate", (Grid.Network.GridNetwork?)null) })
        {
            var scenario = SyntheticCommunity.Create(participants, grid);
            var formulation = GridFormulations.ByName(name);
            var total = Median(runs, () => PoolClearing.Clear(scenario, formulation), out var result);
            var ok = result.Status == PoolStatus.Optimal;
            var label = $"{participants} participants × {scenario.Horizon.Count} slots, {(grid is null ? "copper plate" : "case33bw " + name)}";
            figures.Add(($"clearing_{name}_s", total, "s", $"{label}: build + solve{(ok ? string.Empty : $" — {result.Status}: {result.Message}")}"));
            figures.Add(($"clearing_{name}_build_s", result.Statistics.BuildSeconds, "s", $"{label}: model build (last run)"));
            figures.Add(($"clearing_{name}_solve_s", result.Statistics.SolveSeconds, "s", $"{label}: solve (last run, {result.Statistics.SolverName}, {result.Statistics.Solves} solve(s))"));
            figures.Add(($"clearing_{name}_variables", result.Statistics.Variables, string.Empty, $"{label}: variables"));
            figures.Add(($"clearing_{name}_constraints", result.Statistics.Constraints, string.Empty, $"{label}: constraints"));
        }

        return Print(context, format, runs, figures, [("clearing_lindistflow_s", "<=", 5)]);
    }

    /// <summary>
    /// Runs the synthetic stream on a fresh book per run (one shorter warm-up run first). Throughput is the whole run's
    /// operations over its wall time (stream generation included). Latency: every 16th operation is timed with two
    /// Stopwatch.GetTimestamp calls (about 20 ns each, so the timing barely perturbs the run); p50/p99/p99.9 of those.
    /// Allocations: GC.GetAllocatedBytesForCurrentThread around the run, divided by the operations.
    /// </summary>
    private static int RunOrderBook(CliContext context, int operations, int runs, string format)
    {
        const int maxLive = 1 << 18;
        const int sampleEvery = 16;
        var samples = new long[(operations / sampleEvery) + 1];
        var throughput = new double[runs];
        var p50 = new double[runs];
        var p99 = new double[runs];
        var p999 = new double[runs];
        var allocated = new double[runs];
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        SyntheticOrderStream? last = null;
        OrderBook? lastBook = null;
        for (var run = -1; run < runs; run++)
        {
            var stream = new SyntheticOrderStream(maxLive);
            var book = new OrderBook(SyntheticOrderStream.Product(maxLive), NodaTime.SystemClock.Instance, stream);
            var n = run < 0 ? Math.Min(operations, 2_000_000) : operations;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var bytes0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            var count = stream.Run(book, n, samples, sampleEvery);
            var elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
            if (run < 0)
            {
                continue;
            }

            Array.Sort(samples, 0, count);
            throughput[run] = n / elapsed;
            p50[run] = samples[(int)(0.50 * (count - 1))] * nsPerTick;
            p99[run] = samples[(int)(0.99 * (count - 1))] * nsPerTick;
            p999[run] = samples[(int)(0.999 * (count - 1))] * nsPerTick;
            allocated[run] = (double)bytes / n;
            last = stream;
            lastBook = book;
        }

        var mix = last!.Mix;
        var total = (double)(mix.Resting + mix.Cancels + mix.Aggressive);
        var label = $"{operations} operations ({100 * mix.Resting / total:0.0} % resting, {100 * mix.Cancels / total:0.0} % cancels, {100 * mix.Aggressive / total:0.0} % aggressive IOC) over {SyntheticOrderStream.PriceLevels} levels";
        var figures = new List<(string Key, double Value, string Unit, string What)>
        {
            ("orders_per_second", MedianOf(throughput), "ops/s", label + ", single thread"),
            ("p50_ns", MedianOf(p50), "ns", $"per-operation latency, median (every {sampleEvery}th operation timed with Stopwatch)"),
            ("p99_ns", MedianOf(p99), "ns", "per-operation latency, 99th percentile"),
            ("p999_ns", MedianOf(p999), "ns", "per-operation latency, 99.9th percentile"),
            ("allocated_bytes_per_op", MedianOf(allocated), "B", "managed bytes allocated per operation during the run"),
            ("operations", operations, string.Empty, "operations per run"),
            ("trades", last.Trades, string.Empty, "trades in the last run"),
            ("live_orders_at_end", lastBook!.LiveOrderCount, string.Empty, "resting orders at the end of the last run"),
            ("rejections", last.Rejections, string.Empty, "rejected requests in the last run (expected 0)"),
        };
        var (emptyBytes, usedBytes) = DayOfBooksMemory();
        figures.Add(("day_96_books_empty_bytes", emptyBytes, "B", $"managed memory of 96 empty books (one per slot of a 15-minute day), tick 0.01 EUR/MWh, band -500…4000 EUR/MWh, {DayBookOrders} orders each allowed"));
        figures.Add(("day_96_books_with_orders_bytes", usedBytes, "B", "the same 96 books after 100 resting orders each (50 bids, 50 asks on 100 levels around 50 EUR/MWh)"));
        return Print(context, format, runs, figures, [("orders_per_second", ">=", 5_000_000), ("p99_ns", "<", 5000)]);
    }

    /// <summary>The live orders each book of <see cref="DayOfBooksMemory"/> may hold: the market server's figure per slot.</summary>
    private const int DayBookOrders = 4096;

    /// <summary>
    /// The managed memory (GC.GetTotalMemory after a full collection) of 96 books of a fine-tick product, empty and after
    /// 100 resting orders each.
    /// </summary>
    private static (double Empty, double WithOrders) DayOfBooksMemory()
    {
        var sink = new OrderBookEventRing(64);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var books = new OrderBook[96];
        for (var s = 0; s < books.Length; s++)
        {
            books[s] = new OrderBook(SyntheticOrderStream.Product(DayBookOrders) with { ProductId = $"day/{s}" }, NodaTime.SystemClock.Instance, sink);
        }

        var empty = GC.GetTotalMemory(forceFullCollection: true) - before;
        foreach (var book in books)
        {
            for (var i = 0; i < 100; i++)
            {
                var buy = i % 2 == 0;
                book.Submit(new OrderEntry
                {
                    Participant = i, ClientOrderId = i + 1, Side = buy ? Lem.Domain.Orders.OrderSide.Buy : Lem.Domain.Orders.OrderSide.Sell,
                    PriceTicks = buy ? SyntheticOrderStream.MidTicks - 1 - i : SyntheticOrderStream.MidTicks + i, Lots = 1,
                });
            }
        }

        var withOrders = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(books);
        return (empty, withOrders);
    }

    private static double MedianOf(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static readonly Lem.Markets.Distributed.AdmmOptions P2pBenchOptions = new() { AbsoluteTolerance = 1e-4, RelativeTolerance = 1e-4, MaxIterations = 5000 };

    private static int RunP2p(CliContext context, int runs, string format)
    {
        var figures = new List<(string Key, double Value, string Unit, string What)>();
        foreach (var (key, agents, partners, slots) in new[] { ("p2p_1000x10x24", 1000, 10, 24), ("p2p_100_complete", 100, 99, 1) })
        {
            AddP2pFigures(figures, key, agents, partners, slots, runs, 3);
        }

        return Print(context, format, runs, figures, [("p2p_1000x10x24_s", "<=", 2), ("p2p_100_complete_s", "<=", 1)]);
    }

    /// <summary>
    /// <c>lem bench p2p --agents N</c>: one random market of quadratic agents (one warm-up run), figures under the key
    /// <c>p2p_market</c>; the goal is the issue's 10 s for 10,000 agents × 10 partners × 24 slots.
    /// </summary>
    private static int RunP2pMarket(CliContext context, int agents, int partners, int slots, int runs, string format)
    {
        var figures = new List<(string Key, double Value, string Unit, string What)>();
        AddP2pFigures(figures, "p2p_market", agents, partners, slots, runs, 1);
        return Print(context, format, runs, figures, [("p2p_market_s", "<=", 10)]);
    }

    /// <summary>Runs P2P ADMM on <see cref="SyntheticP2p"/> and adds its time, iterations and final residuals.</summary>
    private static void AddP2pFigures(List<(string Key, double Value, string Unit, string What)> figures, string key, int agents, int partners, int slots, int runs, int warmups)
    {
        var (list, graph) = SyntheticP2p(agents, partners, slots);
        var seconds = Median(runs, () => Lem.Markets.PeerToPeer.PeerToPeerAdmm.Run(list, graph, slots, P2pBenchOptions), out var result, warmups);
        var d = result.Diagnostics;
        var what = $"{agents} agents, {(partners >= agents - 1 ? "complete graph" : $"{partners} partners each")}, {slots} slot(s): {d.Status} in {d.Iterations} iterations, r = {d.PrimalResidual:0.0e+0}, s = {d.DualResidual:0.0e+0}, {d.Messages} messages";
        figures.Add(($"{key}_s", seconds, "s", what));
        figures.Add(($"{key}_iterations", d.Iterations, string.Empty, what));
        figures.Add(($"{key}_primal_residual", d.PrimalResidual, string.Empty, what));
        figures.Add(($"{key}_dual_residual", d.DualResidual, string.Empty, what));
    }

    /// <summary>Half producers, half consumers with random quadratic costs; each agent trades with partners on the other side.</summary>
    private static (List<Lem.Markets.Distributed.IAgent> Agents, Lem.Markets.PeerToPeer.CommunicationGraph Graph) SyntheticP2p(int agents, int partners, int slots)
    {
        var rng = new SplitMix64(42);
        var list = new List<Lem.Markets.Distributed.IAgent>(agents);
        for (var i = 0; i < agents; i++)
        {
            var producer = i % 2 == 0;
            var a = new double[slots];
            var b = new double[slots];
            var lo = new double[slots];
            var hi = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                a[t] = rng.Uniform(0.5, 2);
                b[t] = producer ? rng.Uniform(5, 20) : rng.Uniform(25, 40);
                lo[t] = producer ? 0 : -rng.Uniform(5, 20);
                hi[t] = producer ? rng.Uniform(5, 20) : 0;
            }

            list.Add(Lem.Markets.Distributed.LocalAgent.Quadratic($"a{i}", a, b, lo, hi));
        }

        var pairs = new HashSet<(int, int)>();
        if (partners >= agents - 1)
        {
            for (var i = 0; i < agents; i++)
            {
                for (var j = i + 1; j < agents; j++)
                {
                    if ((i % 2) != (j % 2))
                    {
                        pairs.Add((i, j));
                    }
                }
            }
        }
        else
        {
            for (var i = 0; i < agents; i += 2)
            {
                for (var k = 0; k < partners; k++)
                {
                    var j = (2 * rng.Next(agents / 2)) + 1;
                    pairs.Add((Math.Min(i, j), Math.Max(i, j)));
                }
            }
        }

        return (list, Lem.Markets.PeerToPeer.CommunicationGraph.FromPairs(agents, pairs));
    }

    /// <summary>
    /// Prints the figures and the bench's stated acceptance for some of them (README's Performance table), and returns
    /// <see cref="ExitCodes.GoalMissed"/> when a figure misses it, else <see cref="ExitCodes.Ok"/>.
    /// </summary>
    private static int Print(CliContext context, string format, int runs, List<(string Key, double Value, string Unit, string What)> figures, IReadOnlyList<(string Figure, string Comparison, double Target)> stated, bool powerFlowReferences = false)
    {
        var values = figures.ToDictionary(f => f.Key, f => f.Value);
        var goals = stated.Select(g => new BenchGoal(g.Figure, values[g.Figure], g.Comparison, g.Target)).ToList();
        if (format == "json")
        {
            var fields = figures.ToDictionary(f => f.Key, f => (object?)Math.Round(f.Value, 6));
            if (powerFlowReferences)
            {
                fields["reference"] = new BenchReferenceJson(34.4, 38.6, 0.52, "published figures from shared/data/grids/benchmark/README.md, not measured in this run");
            }

            fields["goals"] = goals.Select(g => new BenchGoalJson(g.Figure, Math.Round(g.Value, 6), g.Comparison, g.Target, g.Met)).ToArray();

            Json.Write(context.Out, new BenchJson(runs, Environment.ProcessorCount) { Figures = fields });
        }
        else
        {
            var t = new Table().Border(TableBorder.Rounded).AddColumn("Figure").AddColumn(new TableColumn("Median").RightAligned()).AddColumn("What");
            foreach (var (key, value, unit, what) in figures)
            {
                t.AddRow(key, $"{value.ToString(unit.Length == 0 ? "0" : "0.000", CultureInfo.InvariantCulture)} {unit}", Markup.Escape(what));
            }

            context.Console.Write(t);
            context.Console.MarkupLine($"Median of {runs} runs after warm-up runs, {Environment.ProcessorCount} processors.");
            if (powerFlowReferences)
            {
                context.Console.MarkupLine($"Published references (not measured here): pandapower 34.4 ms per snapshot and 38.6 s for the 1000 steps on this machine kind; power-grid-model 0.52 s.");
            }

            foreach (var goal in goals)
            {
                context.Console.MarkupLine(goal.Met ? $"Goal: {Markup.Escape(goal.Describe())}" : $"[red]Goal: {Markup.Escape(goal.Describe())}[/]");
            }
        }

        foreach (var goal in goals.Where(g => !g.Met))
        {
            context.Error.WriteLine($"lem: bench goal missed: {goal.Describe()}");
        }

        return BenchGoal.ExitCode(goals);
    }

    private static Grid.Network.GridNetwork? Import(CliContext context, string path)
    {
        var r = GridImporter.Import(path);
        if (r.Succeeded)
        {
            return r.Network;
        }

        ErrorPrinter.Text(context, path, r.Errors);
        return null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> until it is warm (at least <paramref name="minimumWarmups"/> times and 0.3 s, at most 50
    /// times, so that the JIT has produced optimised code), then <paramref name="runs"/> times; returns the median seconds.
    /// </summary>
    private static double Median<T>(int runs, Func<T> work, out T last, int minimumWarmups = 3)
    {
        var warm = Stopwatch.StartNew();
        var warmups = 0;
        do
        {
            last = work();
            warmups++;
        }
        while (warmups < 50 && (warmups < minimumWarmups || warm.Elapsed.TotalSeconds < 0.3));

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            last = work();
            times[i] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[(runs / 2) - 1] + times[runs / 2]) / 2;
    }
}
