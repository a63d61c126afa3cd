namespace Lem.Markets.Exchange;

/// <summary>
/// The exchange (sharing) ADMM loop of docs/mechanisms/admm.md#exchange-admm-with-a-supervisor, shared by the exchange with a supervisor and by the community
/// manager: agents answer a broadcast with their injections; the coordinator forms x̄, updates u ← u + αx̄ (α the
/// over-relaxation, 1 for plain ADMM) and balances ρ. A coordinator holding a position of its own with a public cost
/// (the outside trade) takes the sharing form's z-step for it (docs/mechanisms/admm.md#the-coordinators-own-term):
/// its position absorbs the whole imbalance at once, u ← u + αx̄ + (1 − α)z̄ − z̄⁺.
/// </summary>
internal static class SharingCore
{
    public static SharingOutcome Run(
        IReadOnlyList<IAgent> agents,
        int slots,
        AdmmOptions options,
        Func<int, double, double[], double[], double, CoordinatorMessage> signal,
        Func<AgentMessage, IReadOnlyList<double>> read,
        SeparableCost? own)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "At least one slot is needed.");
        }

        var clock = Stopwatch.StartNew();
        var counter = new MessageCounter();
        var n = agents.Count + (own is null ? 0 : 1);
        if (agents.Count == 0)
        {
            throw new ArgumentException("At least one agent is needed.", nameof(agents));
        }

        var x = new double[n][];
        var z = new double[n][]; // consensus points zᵢ = α(xᵢ − x̄) + (1 − α)zᵢ (docs/mechanisms/admm.md#acceleration)
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[slots];
            z[i] = new double[slots];
        }

        var alpha = options.OverRelaxation;

        var mean = new double[slots];
        var zBar = new double[slots]; // the own term's z̄ = −y/m (sharing form)
        var u = new double[slots];
        var rho = options.Rho;
        if (options.InitialPricesEurPerMwh is { } start)
        {
            for (var t = 0; t < slots; t++)
            {
                u[t] = -start[t % start.Count] / rho; // the price is −ρu
            }
        }

        var history = new List<ResidualRecord>();
        var status = ConvergenceStatus.IterationLimit;
        double r = double.NaN, s = double.NaN, firstR = double.NaN;
        var iteration = 0;
        var responses = new AgentMessage[agents.Count];
        var consensus = own is null ? n : agents.Count;
        var sqrtN = Math.Sqrt(consensus);
        var sqrtDim = Math.Sqrt((double)consensus * slots);
        var sinceChange = 0;
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var message = signal(iteration, rho, [.. mean], [.. u], alpha);
            counter.Add(agents.Count, message.EncodedBytes);
            AgentRound.Run(agents, _ => message, (i, answer) => responses[i] = answer, options.Parallel);

            AgentAnswers.Collect(agents, responses, read, slots, counter, x);

            double xNorm2 = 0, meanNorm2 = 0, s2 = 0, uNorm2 = 0;
            if (own is not null)
            {
                // The coordinator's own term in the sharing form (docs/mechanisms/admm.md#the-coordinators-own-term):
                // z̄ = argmin g(m·z̄) + (mρ/2)‖z̄ − u − x̂‖² over the m agents' mean, i.e. y = −m·z̄ = prox of its cost
                // with penalty ρ/m at −m(u + x̂); u ← u + x̂ − z̄. Its position absorbs the whole imbalance at once.
                var m = agents.Count;
                var v = new double[slots];
                var relaxedMean = new double[slots];
                for (var t = 0; t < slots; t++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < m; i++)
                    {
                        sum += x[i][t];
                        xNorm2 += x[i][t] * x[i][t];
                    }

                    relaxedMean[t] = (alpha * (sum / m)) + ((1 - alpha) * zBar[t]);
                    mean[t] = sum / m; // x̄ until z̄ is known
                    v[t] = -m * (u[t] + relaxedMean[t]);
                }

                own.Prox(v, rho / m, x[n - 1]);
                for (var t = 0; t < slots; t++)
                {
                    var zNew = -x[n - 1][t] / m;
                    var gap = mean[t] - zNew;
                    meanNorm2 += gap * gap;
                    u[t] += relaxedMean[t] - zNew;
                    uNorm2 += u[t] * u[t];
                    for (var i = 0; i < m; i++)
                    {
                        var relaxed = (alpha * x[i][t]) + ((1 - alpha) * z[i][t]) - relaxedMean[t] + zNew;
                        var d = relaxed - z[i][t];
                        z[i][t] = relaxed;
                        s2 += d * d;
                    }

                    zBar[t] = zNew;

                    // The agents form zᵢ = α(xᵢ − mean) + (1 − α)zᵢ: the mean they need is (x̂ − z̄)/α.
                    mean[t] = (relaxedMean[t] - zNew) / alpha;
                }
            }
            else
            {
                for (var t = 0; t < slots; t++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        sum += x[i][t];
                        xNorm2 += x[i][t] * x[i][t];
                    }

                    mean[t] = sum / n;
                    u[t] += alpha * mean[t];
                    meanNorm2 += mean[t] * mean[t];
                    uNorm2 += u[t] * u[t];
                    for (var i = 0; i < n; i++)
                    {
                        var relaxed = (alpha * (x[i][t] - mean[t])) + ((1 - alpha) * z[i][t]);
                        var d = relaxed - z[i][t];
                        z[i][t] = relaxed;
                        s2 += d * d;
                    }
                }
            }

            // Residuals over the agents in the consensus: all n, or the m agents beside the coordinator's own term.
            r = sqrtN * Math.Sqrt(meanNorm2);
            s = rho * Math.Sqrt(s2);
            var epsPri = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * Math.Max(Math.Sqrt(xNorm2), r));
            var epsDual = (sqrtDim * options.AbsoluteTolerance) + (options.RelativeTolerance * rho * sqrtN * Math.Sqrt(uNorm2));
            if (AdmmStopRule.Evaluate(iteration, r, s, rho, epsPri, epsDual, ref firstR, options, history) is { } stop)
            {
                status = stop;
                break;
            }

            ResidualBalancing.Step(options, iteration, r, s, ref rho, ref sinceChange, u);
        }

        var iterations = Math.Min(iteration, options.MaxIterations);
        var prices = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = -rho * u[t];
        }

        double? cost = options.ReportCosts ? counter.CollectCosts(agents) + (own?.LastCostEur() ?? 0.0) : null;
        return new SharingOutcome(x, prices, cost, new AdmmDiagnostics(status, iterations, r, s, rho, counter, clock, history));
    }
}
