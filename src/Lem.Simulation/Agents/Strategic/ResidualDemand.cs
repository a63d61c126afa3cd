using Lem.Markets.Games;

namespace Lem.Simulation.Agents.Strategic;

/// <summary>
/// The linear inverse demand P_t(Q) = a_t − b_t·Q a strategic seller expects in one slot (docs/agents.md#strategic),
/// from the buy orders it expects: the corners (Q_k, min(p_k, import_t)) of the aggregate demand curve — the buy steps
/// in descending price, Q_k the cumulative power (kW) at the end of step k — fitted by least squares. When the curve
/// gives no falling line (fewer than two corners, or every bid at or above the import price, as households bidding
/// their retail tariff), it is the community's line of the games layer: a_t = import price, b_t = (import − export)/D_t
/// with D_t the demand (<see cref="GameBuilder"/>, docs/games.md#from-a-scenario).
/// </summary>
public static class ResidualDemand
{
    /// <summary>(a_t, b_t) of a slot from its buy steps (price EUR/MWh, power kW) and the outside market's prices.</summary>
    public static (double InterceptEurPerMwh, double SlopeEurPerMwhPerKw) Fit(IEnumerable<(double PriceEurPerMwh, double Kw)> buySteps, double importEurPerMwh, double exportEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(buySteps);
        var steps = buySteps.Where(s => s.Kw > 0).OrderByDescending(s => s.PriceEurPerMwh).ToList();
        var demand = steps.Sum(s => s.Kw);
        var corners = new List<(double Q, double P)>(steps.Count);
        var q = 0.0;
        foreach (var s in steps)
        {
            q += s.Kw;
            corners.Add((q, Math.Min(s.PriceEurPerMwh, importEurPerMwh)));
        }

        if (corners.Count >= 2)
        {
            var meanQ = corners.Average(c => c.Q);
            var meanP = corners.Average(c => c.P);
            var sqq = corners.Sum(c => (c.Q - meanQ) * (c.Q - meanQ));
            var sqp = corners.Sum(c => (c.Q - meanQ) * (c.P - meanP));
            var slope = sqq > 0 ? -sqp / sqq : 0.0;
            if (slope > 1e-9)
            {
                return (meanP + (slope * meanQ), slope);
            }
        }

        return (importEurPerMwh, Math.Max(GameBuilder.MinSpreadEurPerMwh, importEurPerMwh - exportEurPerMwh) / Math.Max(GameBuilder.MinDemandKw, demand));
    }
}
