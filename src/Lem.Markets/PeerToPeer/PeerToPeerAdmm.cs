namespace Lem.Markets.PeerToPeer;

/// <summary>
/// The full P2P market of docs/mechanisms/admm.md#peer-to-peer-consensus-admm (Sorin, Bobo &amp; Pinson 2019): multi-bilateral consensus ADMM on a
/// communication graph with product differentiation (each agent's private preferences c_nm). Per iteration each agent
/// receives its partners' proposals p_mn and the pair prices λ_nm (<see cref="P2pSignal"/>) and answers with its own
/// proposals (<see cref="P2pProposal"/>); then each pair updates λ_nm ← λ_nm − ρ/2(p_nm + p_mn), a computation both
/// partners can do from the two proposals alone (with over-relaxation α: λ_nm ← λ_nm − αρ/2(p_nm + p_mn)). Residuals r = ‖p_nm + p_mn‖, s = ρ‖pᵏ − pᵏ⁻¹‖, Boyd-style stopping
/// √(dim)·ε_abs + ε_rel·(‖p‖ or ‖λ‖), residual balancing (λ is unscaled: no rescaling), reconciliation
/// p̂ = (p_nm − p_mn)/2 at the end.
/// </summary>
/// <remarks>
/// Messages counted per iteration: one trade proposal per directed edge (slots values) and one residual report per agent
/// to the observer that decides to stop (2 values). Prices are never sent: both partners compute them.
/// </remarks>
public static class PeerToPeerAdmm
{
    /// <summary>Runs the P2P market from p = 0, λ = 0.</summary>
    /// <exception cref="ArgumentException">When the graph does not match the agents or the options are out of range.</exception>
    public static P2pResult Run(IReadOnlyList<IAgent> agents, CommunicationGraph graph, int slots, AdmmOptions? options = null) =>
        Run(agents, graph, slots, options, null);

    /// <summary>
    /// Runs the P2P market, with <paramref name="grid"/> also coupled to the grid agent per bus
    /// (docs/mechanisms/admm.md#p2p-with-the-grid-agent).
    /// </summary>
    internal static P2pResult Run(IReadOnlyList<IAgent> agents, CommunicationGraph graph, int slots, AdmmOptions? options, GridConsensus? grid)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(graph);
        options ??= AdmmOptions.Default;
        options.Validate();
        if (graph.AgentCount != agents.Count)
        {
            throw new ArgumentException($"The graph has {graph.AgentCount} agents, the list {agents.Count}.", nameof(graph));
        }

        if (slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "At least one slot is needed.");
        }

        var clock = Stopwatch.StartNew();
        var counter = new MessageCounter();
        var n = agents.Count;
        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] = offsets[i] + graph.PartnersOf(i).Count;
        }

        var edges = offsets[n];
        var partnerOf = new int[edges];
        var reverse = new int[edges];
        var edgeIndex = new Dictionary<(int, int), int>(edges);
        for (var i = 0; i < n; i++)
        {
            var partners = graph.PartnersOf(i);
            for (var k = 0; k < partners.Count; k++)
            {
                partnerOf[offsets[i] + k] = partners[k];
                edgeIndex[(i, partners[k])] = offsets[i] + k;
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
            {
                reverse[e] = edgeIndex[(partnerOf[e], i)];
            }
        }

        var partnerIds = new string[n][];
        for (var i = 0; i < n; i++)
        {
            partnerIds[i] = [.. graph.PartnersOf(i).Select(m => agents[m].AgentId)];
        }

        var p = new double[edges * slots];
        var pOld = new double[edges * slots];
        var lambda = new double[edges * slots];
        if (options.InitialPricesEurPerMwh is { } start)
        {
            for (var i = 0; i < lambda.Length; i++)
            {
                lambda[i] = start[(i % slots) % start.Count];
            }
        }

        var rho = options.Rho;
        var alpha = options.OverRelaxation; // docs/mechanisms/admm.md#acceleration
        var history = new List<ResidualRecord>();
        var status = ConvergenceStatus.IterationLimit;
        double r = double.NaN, s = double.NaN, firstR = double.NaN;
        var sqrtDim = Math.Sqrt(Math.Max(1.0, ((double)edges * slots) + (grid?.Dimension ?? 0)));
        var proposalBytes = MessageEncoding.Bytes(slots, 0);
        var residualBytes = MessageEncoding.Bytes(2, 0);
        var sinceChange = 0;
        int iteration;
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            (p, pOld) = (pOld, p);
            var currentRho = rho;
            var k = iteration;
            P2pSignal Signal(int i)
            {
                var deg = offsets[i + 1] - offsets[i];
                var theirs = new double[deg * slots];
                var prices = new double[deg * slots];
                for (var j = 0; j < deg; j++)
                {
                    var e = offsets[i] + j;
                    Array.Copy(pOld, reverse[e] * slots, theirs, j * slots, slots);
                    Array.Copy(lambda, e * slots, prices, j * slots, slots);
                }

                return new P2pSignal(k, currentRho, partnerIds[i], theirs, prices) { Relaxation = alpha, Bus = grid?.SignalFor(i) };
            }

            void Take(int i, AgentMessage answer)
            {
                var deg = offsets[i + 1] - offsets[i];
                if (answer is not P2pProposal proposal || proposal.Trades.Count != deg * slots)
                {
                    throw new InvalidOperationException($"Agent '{agents[i].AgentId}' did not answer with a proposal of {deg * slots} trades.");
                }

                for (var j = 0; j < deg * slots; j++)
                {
                    p[(offsets[i] * slots) + j] = proposal.Trades[j];
                }
            }

            AgentRound.Run(agents, Signal, Take, options.Parallel && n > 1);

            counter.Add(edges, proposalBytes);
            counter.Add(n, residualBytes);

            double r2 = 0, s2 = 0, pNorm2 = 0, lNorm2 = 0;
            var valued = true;
            for (var e = 0; e < edges; e++)
            {
                var rev = reverse[e] * slots;
                var own = e * slots;
                for (var t = 0; t < slots; t++)
                {
                    var sum = p[own + t] + p[rev + t];
                    r2 += sum * sum;
                    var d = p[own + t] - pOld[own + t];
                    s2 += d * d;
                    pNorm2 += p[own + t] * p[own + t];
                    lambda[own + t] -= 0.5 * alpha * rho * sum;
                    lNorm2 += lambda[own + t] * lambda[own + t];
                }
            }

            if (grid is not null)
            {
                // The bus coupling with the grid agent adds its residuals and norms (docs/mechanisms/admm.md#p2p-with-the-grid-agent).
                var (gr2, gs2, gNorm2, gPrice2, unmatched, value) = grid.Update(NetTrades(p, offsets, slots), EnergyPrices(lambda, offsets, slots), rho, counter);
                (r2, s2, pNorm2, lNorm2) = (r2 + gr2, s2 + gs2, pNorm2 + gNorm2, lNorm2 + gPrice2);
                valued = unmatched <= options.ValueTolerance * value;
            }

            r = Math.Sqrt(r2);
            s = rho * Math.Sqrt(s2);
            var epsPri = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * Math.Sqrt(pNorm2));
            var epsDual = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * Math.Sqrt(lNorm2));
            if (AdmmStopRule.Evaluate(iteration, r, s, rho, epsPri, epsDual, ref firstR, options, history, valued) is { } stop)
            {
                status = stop;
                break;
            }

            sinceChange++;
            if (options.ResidualBalancing && iteration <= options.BalancingUntilIteration && sinceChange >= options.BalancingInterval)
            {
                if (r > options.BalancingMu * s)
                {
                    rho *= options.BalancingTau;
                    sinceChange = 0;
                }
                else if (s > options.BalancingMu * r)
                {
                    rho /= options.BalancingTau;
                    sinceChange = 0;
                }
            }
        }

        var iterations = Math.Min(iteration, options.MaxIterations);
        var reconciled = new double[edges * slots];
        var reciprocity = 0.0;
        var injections = new double[n][];
        for (var i = 0; i < n; i++)
        {
            injections[i] = new double[slots];
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
            {
                for (var t = 0; t < slots; t++)
                {
                    var a = p[(e * slots) + t];
                    var b = p[(reverse[e] * slots) + t];
                    reciprocity = Math.Max(reciprocity, Math.Abs(a + b));
                    var hat = 0.5 * (a - b);
                    reconciled[(e * slots) + t] = hat;
                    injections[i][t] += hat;
                }
            }
        }

        var trades = new List<BilateralTrade>();
        for (var i = 0; i < n; i++)
        {
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
            {
                var m = partnerOf[e];
                if (m < i)
                {
                    continue;
                }

                for (var t = 0; t < slots; t++)
                {
                    var q = reconciled[(e * slots) + t];
                    if (q != 0)
                    {
                        trades.Add(q > 0
                            ? new BilateralTrade(agents[i].AgentId, agents[m].AgentId, t, q, lambda[(e * slots) + t])
                            : new BilateralTrade(agents[m].AgentId, agents[i].AgentId, t, -q, lambda[(e * slots) + t]));
                    }
                }
            }
        }

        double? cost = options.ReportCosts ? counter.CollectCosts(agents) : null;
        double[][]? dlmps = null;
        if (grid is not null)
        {
            // The outside market (the last agent) also supplied the grid's draw; the energy price is its pairs' mean price.
            injections[n - 1] = grid.SupplierInjection(injections[n - 1]);
            dlmps = grid.Dlmps(EnergyPrices(lambda, offsets, slots));
        }

        var finalLambda = lambda;
        IReadOnlyList<double> TradeOf(int a, int b) =>
            edgeIndex.TryGetValue((a, b), out var e) ? reconciled.AsSpan(e * slots, slots).ToArray() : new double[slots];
        IReadOnlyList<double>? PriceOf(int a, int b) =>
            edgeIndex.TryGetValue((a, b), out var e) ? finalLambda.AsSpan(e * slots, slots).ToArray() : null;

        return new P2pResult
        {
            Diagnostics = new AdmmDiagnostics(status, iterations, r, s, rho, counter, clock, history),
            AgentIds = [.. agents.Select(a => a.AgentId)],
            Trades = trades,
            Injections = injections,
            TradeOf = TradeOf,
            PriceOf = PriceOf,
            ReciprocityError = reciprocity,
            TotalCostEur = cost,
            BusPricesEurPerMwh = dlmps,
        };
    }

    /// <summary>The energy price per slot with the grid agent: the mean of the outside market's (the last agent's) pair prices.</summary>
    private static double[] EnergyPrices(double[] lambda, int[] offsets, int slots)
    {
        var (first, last) = (offsets[^2], offsets[^1]);
        var prices = new double[slots];
        for (var t = 0; t < slots && last > first; t++)
        {
            for (var e = first; e < last; e++)
            {
                prices[t] += lambda[(e * slots) + t];
            }

            prices[t] /= last - first;
        }

        return prices;
    }

    /// <summary>Each agent's Σ_m p_nm per slot from the proposals p (edge-major).</summary>
    private static double[][] NetTrades(double[] p, int[] offsets, int slots)
    {
        var net = new double[offsets.Length - 1][];
        for (var i = 0; i < net.Length; i++)
        {
            net[i] = new double[slots];
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
            {
                for (var t = 0; t < slots; t++)
                {
                    net[i][t] += p[(e * slots) + t];
                }
            }
        }

        return net;
    }
}
