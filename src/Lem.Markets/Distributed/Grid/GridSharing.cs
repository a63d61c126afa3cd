namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// Exchange ADMM with the grid agent (docs/mechanisms/admm.md#the-grid-agent), in its Gauss–Seidel form: the coupling
/// constraint is Σ_{i at b} x_i = g_b for every bus b and slot, where g is the injection the grid agent accepts. Every
/// position i keeps a copy z_i; per iteration the agents answer x_i = prox(z_i − w_b), the grid agent projects
/// A_b = X_b + d_b·w_b onto the network's feasible set with the weights 1/d_b (d_b the positions at b, an empty bus
/// counting one fixed at zero), the coordinator sets z_i = x_i + w_b + (g_b − A_b)/d_b and w_b ← w_b + (X_b − g_b)/d_b.
/// The DLMP at bus b is −ρw_b. Stopping as in the exchange, plus the value test of docs/mechanisms/admm.md#stopping-rule.
/// </summary>
internal static class GridSharing
{
    /// <summary>Runs the exchange with the grid agent.</summary>
    /// <param name="agents">The market agents.</param>
    /// <param name="agentBus">The solver bus of each agent.</param>
    /// <param name="grid">The grid agent.</param>
    /// <param name="slots">The number of slots.</param>
    /// <param name="options">The ADMM settings.</param>
    /// <param name="signal">The message to an agent from (iteration, ρ, x_i − z_i in place of the mean, w_b).</param>
    /// <param name="read">The injection per slot in an agent's answer.</param>
    /// <param name="own">The coordinator's own position with a public cost (the community's outside trade), or null.</param>
    /// <param name="ownBus">The solver bus of <paramref name="own"/>.</param>
    /// <param name="endpoint">Where the grid agent answers (a hosted proxy; docs/cluster.md#the-grid-agent-as-a-grain), or null for <paramref name="grid"/> itself.</param>
    public static GridAdmmResult Run(
        IReadOnlyList<IAgent> agents,
        IReadOnlyList<int> agentBus,
        GridAgent grid,
        int slots,
        AdmmOptions options,
        Func<int, double, double[], double[], CoordinatorMessage> signal,
        Func<AgentMessage, IReadOnlyList<double>> read,
        SeparableCost? own,
        int ownBus,
        IAgent? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(agentBus);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (agentBus.Count != agents.Count)
        {
            throw new ArgumentException($"{agentBus.Count} buses for {agents.Count} agents.", nameof(agentBus));
        }

        var clock = Stopwatch.StartNew();
        var counter = new MessageCounter();
        var buses = grid.BusCount;
        var n = agents.Count + (own is null ? 0 : 1);
        var busOf = new int[n];
        for (var i = 0; i < agents.Count; i++)
        {
            busOf[i] = agentBus[i] >= 0 && agentBus[i] < buses ? agentBus[i] : throw new ArgumentException($"Agent '{agents[i].AgentId}' is at bus {agentBus[i]}, not one of the {buses} buses.", nameof(agentBus));
        }

        if (own is not null)
        {
            busOf[n - 1] = ownBus;
        }

        // d_b: the positions at each bus (an empty bus holds one fixed at zero); the grid agent weighs its projection by them.
        var members = GridCoupling.PositionsPerBus(buses, busOf);
        if (!members.SequenceEqual(grid.PositionsPerBus))
        {
            throw new ArgumentException("The grid agent was registered with other positions per bus than the agents' buses give.", nameof(grid));
        }

        var x = new double[n][];
        var z = new double[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[slots];
            z[i] = new double[slots];
        }

        var size = buses * slots;
        var g = new double[size];
        var total = new double[size];      // X_b: the positions' sum at bus b
        var zEmpty = new double[size];     // the consensus point of an empty bus's zero position
        var w = new double[size];          // scaled dual per bus; the DLMP is −ρw_b
        var hasPosition = new bool[buses];
        foreach (var b in busOf)
        {
            hasPosition[b] = true;
        }

        var rho = options.Rho;
        if (options.InitialPricesEurPerMwh is { } start)
        {
            // Every bus starts at the slot's starting price, −ρw_b = start_t (docs/mechanisms/admm.md#acceleration).
            for (var k = 0; k < size; k++)
            {
                w[k] = -start[(k % slots) % start.Count] / rho;
            }
        }

        var history = new List<ResidualRecord>();
        var status = ConvergenceStatus.IterationLimit;
        double r = double.NaN, s = double.NaN, firstR = double.NaN;
        var responses = new AgentMessage[agents.Count];
        var sqrtDim = Math.Sqrt((double)n * slots);
        var sinceChange = 0;
        int iteration;
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            // 1. Every position: x_i = prox_{f_i/ρ}(z_i − w_b). The message carries the bus's scaled dual and, as the "mean",
            // x_i − z_i, so that the agent's usual exchange target x_i − x̄ − u is z_i − w_b.
            void Step(int i)
            {
                var offset = busOf[i] * slots;
                var gap = new double[slots];
                for (var t = 0; t < slots; t++)
                {
                    gap[t] = x[i][t] - z[i][t];
                }

                var message = signal(iteration, rho, gap, w[offset..(offset + slots)]);
                counter.Add(1, message.EncodedBytes);
                responses[i] = agents[i].Respond(message);
            }

            if (options.Parallel && agents.Count > 1)
            {
                Parallel.For(0, agents.Count, Step);
            }
            else
            {
                for (var i = 0; i < agents.Count; i++)
                {
                    Step(i);
                }
            }

            AgentAnswers.Collect(agents, responses, read, slots, counter, x);
            if (own is not null)
            {
                var v = new double[slots];
                var offset = ownBus * slots;
                for (var t = 0; t < slots; t++)
                {
                    v[t] = z[n - 1][t] - w[offset + t];
                }

                own.Prox(v, rho, x[n - 1]);
            }

            // 2. The coordination: the grid agent's weighted projection of A_b = X_b + d_b·w_b (the positions pulled by their
            // duals) onto the network's feasible set; each position's consensus point z_i = x_i + w_b + (g_b − A_b)/d_b.
            Array.Clear(total);
            double xNorm2 = 0;
            for (var i = 0; i < n; i++)
            {
                var offset = busOf[i] * slots;
                for (var t = 0; t < slots; t++)
                {
                    total[offset + t] += x[i][t];
                    xNorm2 += x[i][t] * x[i][t];
                }
            }

            var requested = new double[size];
            for (var k = 0; k < size; k++)
            {
                requested[k] = total[k] + (members[k / slots] * w[k]);
            }

            var gridMessage = new GridSignal(iteration, slots, requested);
            counter.Add(1, gridMessage.EncodedBytes);
            var answer = (endpoint ?? grid).Respond(gridMessage) as GridProposal
                ?? throw new InvalidOperationException($"Grid agent '{grid.AgentId}' did not answer with a grid proposal.");
            counter.Add(1, answer.EncodedBytes);
            for (var k = 0; k < size; k++)
            {
                g[k] = answer.InjectionKw[k];
            }

            double zNorm2 = 0, r2 = 0, s2 = 0, wNorm2 = 0;
            for (var i = 0; i < n; i++)
            {
                var offset = busOf[i] * slots;
                for (var t = 0; t < slots; t++)
                {
                    var k = offset + t;
                    var updated = x[i][t] + w[k] + ((g[k] - requested[k]) / members[busOf[i]]);
                    var d = updated - z[i][t];
                    s2 += d * d;
                    z[i][t] = updated;
                    zNorm2 += updated * updated;
                    wNorm2 += w[k] * w[k];
                }
            }

            // 3. w_b ← w_b + (X_b − g_b)/d_b; an empty bus's zero position has x = 0 and its own consensus point.
            for (var k = 0; k < size; k++)
            {
                var b = k / slots;
                var residual = (total[k] - g[k]) / members[b];
                if (!hasPosition[b])
                {
                    var updated = w[k] + ((g[k] - requested[k]) / members[b]);
                    var d = updated - zEmpty[k];
                    s2 += d * d;
                    zEmpty[k] = updated;
                }

                w[k] += residual;
                r2 += members[b] * residual * residual;
            }

            r = Math.Sqrt(r2);
            s = rho * Math.Sqrt(s2);
            var valued = Unmatched(total, g, w, rho, slots) <= options.ValueTolerance * PositionsValue(x, busOf, w, rho, slots);
            var epsPri = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * Math.Max(Math.Sqrt(xNorm2), Math.Sqrt(zNorm2)));
            var epsDual = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * rho * Math.Sqrt(wNorm2));
            if (AdmmStopRule.Evaluate(iteration, r, s, rho, epsPri, epsDual, ref firstR, options, history, valued) is { } stop)
            {
                status = stop;
                break;
            }

            ResidualBalancing.Step(options, iteration, r, s, ref rho, ref sinceChange, w);
        }

        var iterations = Math.Min(iteration, options.MaxIterations);
        var prices = new double[slots][];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = new double[buses];
            for (var b = 0; b < buses; b++)
            {
                prices[t][b] = -rho * w[(b * slots) + t];
            }
        }

        double? cost = options.ReportCosts ? counter.CollectCosts(agents) + (own?.LastCostEur() ?? 0.0) : null;
        return new GridAdmmResult
        {
            Diagnostics = new AdmmDiagnostics(status, iterations, r, s, rho, counter, clock, history),
            AgentIds = [.. agents.Select(a => a.AgentId)],
            Injections = x[..agents.Count],
            OwnPositionKw = own is null ? null : x[n - 1],
            BusPricesEurPerMwh = prices,
            GridInjectionKw = g,
            TotalCostEur = cost,
        };
    }
    /// <summary>
    /// Σ_t |Σ_b λ_b,t (X_b,t − g_b,t)| with λ = −ρw (EUR/MWh × kW): the value of the energy the positions and the grid agent
    /// still disagree on (docs/mechanisms/admm.md#stopping-rule).
    /// </summary>
    internal static double Unmatched(double[] total, double[] g, double[] w, double rho, int slots)
    {
        var perSlot = new double[slots];
        for (var k = 0; k < total.Length; k++)
        {
            perSlot[k % slots] += -rho * w[k] * (total[k] - g[k]);
        }

        return perSlot.Sum(Math.Abs);
    }

    /// <summary>Σ_t Σ_i |λ_b(i),t x_i,t| with λ = −ρw: the value of the positions at their buses' prices.</summary>
    internal static double PositionsValue(double[][] x, int[] busOf, double[] w, double rho, int slots)
    {
        var value = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var t = 0; t < slots; t++)
            {
                value += Math.Abs(rho * w[(busOf[i] * slots) + t] * x[i][t]);
            }
        }

        return value;
    }
}
