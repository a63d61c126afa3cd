namespace Lem.Markets.Games;

/// <summary>
/// A linear–quadratic quantity game (docs/games.md#the-game): in every slot t the local price is
/// P_t(Q_t) = a_t − b_t·Q_t with Q_t = Σ_j e_j·y_j the players' total injection (kW); player i earns
/// Σ_t P_t·q_it − cost_i(y_i) with q_it its own injection. Strategic players anticipate the price response,
/// price-taking players do not. Rows (storage, line limits) restrict the variables.
/// </summary>
public sealed class CournotGame
{
    private readonly int[][] _variablesOf;

    /// <summary>Creates a game and checks its data.</summary>
    /// <exception cref="ArgumentException">When a slope is not positive, a bound is not finite or an index is out of range.</exception>
    public CournotGame(double slotHours, IReadOnlyList<double> interceptEurPerMwh, IReadOnlyList<double> slopeEurPerMwhPerKw, IReadOnlyList<GamePlayer> players, IReadOnlyList<GameVariable> variables, IReadOnlyList<GameRow> rows)
    {
        ArgumentNullException.ThrowIfNull(interceptEurPerMwh);
        ArgumentNullException.ThrowIfNull(slopeEurPerMwhPerKw);
        ArgumentNullException.ThrowIfNull(players);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(rows);
        if (!(slotHours > 0) || interceptEurPerMwh.Count != slopeEurPerMwhPerKw.Count)
        {
            throw new ArgumentException("The slot length must be positive and there must be one slope per intercept.", nameof(slopeEurPerMwhPerKw));
        }

        if (slopeEurPerMwhPerKw.Any(b => !(b > 0) || !double.IsFinite(b)) || interceptEurPerMwh.Any(a => !double.IsFinite(a)))
        {
            throw new ArgumentException("Every inverse-demand slope must be positive and finite, every intercept finite.", nameof(slopeEurPerMwhPerKw));
        }

        foreach (var v in variables)
        {
            if (v.Player < 0 || v.Player >= players.Count || v.Slot < 0 || v.Slot >= interceptEurPerMwh.Count || !double.IsFinite(v.LowerKw) || !double.IsFinite(v.UpperKw) || v.UpperKw < v.LowerKw || v.QuadraticCostEurPerMwhPerKw < 0)
            {
                throw new ArgumentException($"Game variable '{v.Name}' has an unknown player or slot, infinite or crossed bounds, or a negative quadratic cost.", nameof(variables));
            }
        }

        foreach (var r in rows)
        {
            if (r.Variables.Count != r.Coefficients.Count || r.Variables.Any(j => j < 0 || j >= variables.Count) || !double.IsFinite(r.Upper))
            {
                throw new ArgumentException($"Game row '{r.Name}' refers to unknown variables or has an infinite right-hand side.", nameof(rows));
            }
        }

        SlotHours = slotHours;
        InterceptEurPerMwh = interceptEurPerMwh;
        SlopeEurPerMwhPerKw = slopeEurPerMwhPerKw;
        Players = players;
        Variables = variables;
        Rows = rows;
        _variablesOf = [.. Enumerable.Range(0, players.Count).Select(i => Enumerable.Range(0, variables.Count).Where(j => variables[j].Player == i).ToArray())];
    }

    /// <summary>The slot length Δt, hours.</summary>
    public double SlotHours { get; }

    /// <summary>a_t, the price at zero injection, EUR/MWh.</summary>
    public IReadOnlyList<double> InterceptEurPerMwh { get; }

    /// <summary>b_t &gt; 0, the price drop per kW of injection, EUR/MWh per kW.</summary>
    public IReadOnlyList<double> SlopeEurPerMwhPerKw { get; }

    /// <summary>The number of slots.</summary>
    public int SlotCount => InterceptEurPerMwh.Count;

    /// <summary>The players.</summary>
    public IReadOnlyList<GamePlayer> Players { get; }

    /// <summary>All players' variables.</summary>
    public IReadOnlyList<GameVariable> Variables { get; }

    /// <summary>The players' own rows and the shared rows.</summary>
    public IReadOnlyList<GameRow> Rows { get; }

    /// <summary>The indices of a player's variables.</summary>
    public IReadOnlyList<int> VariablesOf(int player) => _variablesOf[player];

    /// <summary>The same game with another set of strategic players (by index).</summary>
    public CournotGame WithStrategic(Func<int, bool> strategic)
    {
        ArgumentNullException.ThrowIfNull(strategic);
        return new CournotGame(SlotHours, InterceptEurPerMwh, SlopeEurPerMwhPerKw, [.. Players.Select((p, i) => p with { Strategic = strategic(i) })], Variables, Rows);
    }

    /// <summary>Q_t: the total injection per slot, kW.</summary>
    public double[] TotalKw(IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var total = new double[SlotCount];
        for (var j = 0; j < Variables.Count; j++)
        {
            total[Variables[j].Slot] += Variables[j].InjectionCoefficient * y[j];
        }

        return total;
    }

    /// <summary>q_it: a player's injection per slot, kW.</summary>
    public double[] InjectionKw(int player, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var q = new double[SlotCount];
        foreach (var j in _variablesOf[player])
        {
            q[Variables[j].Slot] += Variables[j].InjectionCoefficient * y[j];
        }

        return q;
    }

    /// <summary>P_t = a_t − b_t·Q_t per slot, EUR/MWh.</summary>
    public double[] PricesEurPerMwh(IReadOnlyList<double> y)
    {
        var total = TotalKw(y);
        return [.. total.Select((q, t) => InterceptEurPerMwh[t] - (SlopeEurPerMwhPerKw[t] * q))];
    }

    /// <summary>A player's profit Σ_t P_t·q_it·Δt/1000 − cost, EUR.</summary>
    public double ProfitEur(int player, IReadOnlyList<double> y)
    {
        var prices = PricesEurPerMwh(y);
        var profit = 0.0;
        foreach (var j in _variablesOf[player])
        {
            var v = Variables[j];
            profit += (prices[v.Slot] * v.InjectionCoefficient * y[j]) - (v.LinearCostEurPerMwh * y[j]) - (0.5 * v.QuadraticCostEurPerMwhPerKw * y[j] * y[j]);
        }

        return profit * SlotHours / 1000.0;
    }

    /// <summary>The consumers' surplus Σ_t b_t/2·Q_t²·Δt/1000 (the triangle under the inverse demand above the price), EUR.</summary>
    public double ConsumerSurplusEur(IReadOnlyList<double> y)
    {
        var total = TotalKw(y);
        return total.Select((q, t) => 0.5 * SlopeEurPerMwhPerKw[t] * q * q).Sum() * SlotHours / 1000.0;
    }

    /// <summary>Welfare: consumer surplus plus every player's profit, EUR.</summary>
    public double WelfareEur(IReadOnlyList<double> y) => ConsumerSurplusEur(y) + Enumerable.Range(0, Players.Count).Sum(i => ProfitEur(i, y));

    /// <summary>The largest violation of a bound or row at <paramref name="y"/> (kW, 0 when feasible).</summary>
    public double Infeasibility(IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var worst = 0.0;
        for (var j = 0; j < Variables.Count; j++)
        {
            worst = Math.Max(worst, Math.Max(Variables[j].LowerKw - y[j], y[j] - Variables[j].UpperKw));
        }

        foreach (var r in Rows)
        {
            worst = Math.Max(worst, RowValue(r, y) - r.Upper);
        }

        return worst;
    }

    /// <summary>Σ_j a_j·y_j of a row.</summary>
    public static double RowValue(GameRow row, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(y);
        var sum = 0.0;
        for (var k = 0; k < row.Variables.Count; k++)
        {
            sum += row.Coefficients[k] * y[row.Variables[k]];
        }

        return sum;
    }
}
