using System.Diagnostics;

namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// Exchange ADMM with the grid agent (docs/mechanisms/admm.md#the-grid-agent): the
/// exchange of docs/mechanisms/admm.md#exchange-admm-with-a-supervisor split by bus. The coupling constraint is Σ_{i at b} x_i − g_b = 0 for every bus b
/// and slot, where g is the injection the grid agent accepts; each bus is a sharing problem whose members are the agents
/// connected there (and the coordinator's own position at its bus) and the grid agent with the position −g_b. Per
/// iteration every agent receives its bus's mean x̄_b and scaled dual u_b, the grid agent the requested injection
/// gᵏ + x̄ + u per bus (its proximal step is the projection of that point onto the network's feasible set), then
/// u_b ← u_b + x̄_b. The DLMP at bus b is −ρu_b. Residuals, stopping and residual balancing as in the exchange.
/// </summary>
internal static class GridSharing
{
    /// <summary>Runs the exchange with the grid agent.</summary>
    /// <param name="agents">The market agents.</param>
    /// <param name="agentBus">The solver bus of each agent.</param>
    /// <param name="grid">The grid agent.</param>
    /// <param name="slots">The number of slots.</param>
    /// <param name="options">The ADMM settings.</param>
    /// <param name="signal">The message to the agents of a bus from (iteration, ρ, x̄_b, u_b).</param>
    /// <param name="read">The injection per slot in an agent's answer.</param>
    /// <param name="own">The coordinator's own position with a public cost (the community's outside trade), or null.</param>
    /// <param name="ownBus">The solver bus of <paramref name="own"/>.</param>
    public static GridAdmmResult Run(
        IReadOnlyList<IAgent> agents,
        IReadOnlyList<int> agentBus,
        GridAgent grid,
        int slots,
        AdmmOptions options,
        Func<int, double, double[], double[], CoordinatorMessage> signal,
        Func<AgentMessage, IReadOnlyList<double>> read,
        SeparableCost? own,
        int ownBus)
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

        // Members per bus: the agents there and the grid agent.
        var members = new double[buses];
        for (var b = 0; b < buses; b++)
        {
            members[b] = 1;
        }

        foreach (var b in busOf)
        {
            members[b]++;
        }

        var x = new double[n][];
        var previous = new double[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[slots];
            previous[i] = new double[slots];
        }

        var size = buses * slots;
        var g = new double[size];
        var gPrevious = new double[size];
        var mean = new double[size];
        var meanPrevious = new double[size];
        var u = new double[size];
        var rho = options.Rho;
        if (options.InitialPricesEurPerMwh is { } start)
        {
            // Every bus starts at the slot's starting price, −ρu_b = start_t (docs/mechanisms/admm.md#acceleration).
            for (var k = 0; k < size; k++)
            {
                u[k] = -start[(k % slots) % start.Count] / rho;
            }
        }
        var history = new List<ResidualRecord>();
        var status = ConvergenceStatus.IterationLimit;
        double r = double.NaN, s = double.NaN, firstR = double.NaN;
        var responses = new AgentMessage[agents.Count];
        var sqrtDim = Math.Sqrt(members.Sum() * slots);
        var sinceChange = 0;
        int iteration;
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var messages = new CoordinatorMessage?[buses];
            foreach (var b in busOf.Distinct())
            {
                messages[b] = signal(iteration, rho, mean[(b * slots)..((b + 1) * slots)], u[(b * slots)..((b + 1) * slots)]);
            }

            void Step(int i)
            {
                var message = messages[busOf[i]]!;
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

            (x, previous) = (previous, x);
            AgentAnswers.Collect(agents, responses, read, slots, counter, x);

            if (own is not null)
            {
                var v = new double[slots];
                var offset = ownBus * slots;
                for (var t = 0; t < slots; t++)
                {
                    v[t] = previous[n - 1][t] - mean[offset + t] - u[offset + t];
                }

                own.Prox(v, rho, x[n - 1]);
            }

            // The grid agent's proximal step: the projection of gᵏ + x̄ + u onto the network's feasible set.
            var requested = new double[size];
            for (var k = 0; k < size; k++)
            {
                requested[k] = g[k] + mean[k] + u[k];
            }

            var gridMessage = new GridSignal(iteration, slots, requested);
            counter.Add(1, gridMessage.EncodedBytes);
            var answer = grid.Respond(gridMessage) as GridProposal
                ?? throw new InvalidOperationException($"Grid agent '{grid.AgentId}' did not answer with a grid proposal.");
            counter.Add(1, answer.EncodedBytes);
            (g, gPrevious) = (gPrevious, g);
            for (var k = 0; k < size; k++)
            {
                g[k] = answer.InjectionKw[k];
            }

            (mean, meanPrevious) = (meanPrevious, mean);
            for (var k = 0; k < size; k++)
            {
                mean[k] = -g[k];
            }

            double xNorm2 = 0, r2 = 0, s2 = 0, uNorm2 = 0;
            for (var i = 0; i < n; i++)
            {
                var offset = busOf[i] * slots;
                for (var t = 0; t < slots; t++)
                {
                    mean[offset + t] += x[i][t];
                    xNorm2 += x[i][t] * x[i][t];
                }
            }

            for (var k = 0; k < size; k++)
            {
                var b = k / slots;
                mean[k] /= members[b];
                u[k] += mean[k];
                xNorm2 += g[k] * g[k];
                r2 += members[b] * mean[k] * mean[k];
                uNorm2 += members[b] * u[k] * u[k];
                var d = (-g[k] - mean[k]) - (-gPrevious[k] - meanPrevious[k]);
                s2 += d * d;
            }

            for (var i = 0; i < n; i++)
            {
                var offset = busOf[i] * slots;
                for (var t = 0; t < slots; t++)
                {
                    var d = (x[i][t] - mean[offset + t]) - (previous[i][t] - meanPrevious[offset + t]);
                    s2 += d * d;
                }
            }

            // The aggregate imbalance per slot, A_t = Σ_b n_b·x̄_b = Σ_i x_i − Σ_b g_b: the residuals of the buses add up in
            // it (the grid's shunt draw spreads over every bus), and it is what the welfare leaves unpriced. The primal
            // residual is the larger of the per-bus one and the copper-plate exchange's ‖A‖/√n for the n market agents
            // (docs/mechanisms/admm.md#the-grid-agent).
            var aggregate2 = 0.0;
            for (var t = 0; t < slots; t++)
            {
                var sum = 0.0;
                for (var b = 0; b < buses; b++)
                {
                    sum += members[b] * mean[(b * slots) + t];
                }

                aggregate2 += sum * sum;
            }

            r = Math.Sqrt(Math.Max(r2, aggregate2 / n));
            s = rho * Math.Sqrt(s2);
            var epsPri = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * Math.Max(Math.Sqrt(xNorm2), r));
            var epsDual = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * rho * Math.Sqrt(uNorm2));
            if (AdmmStopRule.Evaluate(iteration, r, s, rho, epsPri, epsDual, ref firstR, options, history) is { } stop)
            {
                status = stop;
                break;
            }

            ResidualBalancing.Step(options, iteration, r, s, ref rho, ref sinceChange, u);
        }

        var iterations = Math.Min(iteration, options.MaxIterations);
        var prices = new double[slots][];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = new double[buses];
            for (var b = 0; b < buses; b++)
            {
                prices[t][b] = -rho * u[(b * slots) + t];
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
}
