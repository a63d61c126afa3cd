using Lem.Markets.Pool;

namespace Lem.Markets.Tariffs;

/// <summary>
/// Adds a participant's <see cref="TariffCost"/> to an optimisation model as convex terms on its net injection
/// (docs/mechanisms/pool.md#tariff-aware-clearing); shared by the pool and the distributed agents' local problems.
/// </summary>
/// <remarks>
/// With e_t the net injection in MW and Δt the slot hours: w_t ≥ 0, w_t ≥ −e_t is the withdrawal, x_t = e_t + w_t the
/// injection; the cost is Σ_t Δt·(ω_t·w_t + ξ_t·x_t) + Σ_b ν_b·y_b (y_b ≥ 0, y_b ≥ −Σ_{t∈b} e_t·Δt)
/// + 1000·τ_exc·Σ_t z_t (z_t ≥ 0, z_t ≥ w_t − K̄/1000) + 1000·τ_peak·P̂ (P̂ ≥ w_t for every t), in EUR. Every
/// coefficient is ≥ 0, so at the optimum each epigraph variable equals the max it bounds.
/// </remarks>
internal static class TariffModel
{
    /// <summary>Adds the variables and constraints; returns the cost in EUR (to be minimised with the rest of the objective).</summary>
    public static LinearExpression Add(PoolBuildContext c, TariffCost tariff, IReadOnlyList<LinearExpression> netMw, string name)
    {
        var model = c.Model;
        var h = c.Hours;
        var cost = new LinearExpression();
        var peak = tariff.PeakEurPerKw > 0 ? model.AddVariable(0, double.PositiveInfinity, $"{name}.tariff_peak") : (Variable?)null;
        for (var t = 0; t < c.SlotCount; t++)
        {
            var omega = tariff.WithdrawalEurPerMwh[t];
            var xi = tariff.InjectionEurPerMwh[t];
            if (omega + xi == 0 && tariff.ExcessEurPerKw == 0 && peak is null)
            {
                continue;
            }

            var w = model.AddVariable(0, double.PositiveInfinity, $"{name}.tariff_withdrawal[{t}]");
            model.AddGreaterOrEqual(new LinearExpression().Add(w, 1.0).Add(netMw[t]), 0.0);
            cost.Add(w, (omega + xi) * h).Add(netMw[t], xi * h);
            if (tariff.ExcessEurPerKw > 0)
            {
                var z = model.AddVariable(0, double.PositiveInfinity, $"{name}.tariff_excess[{t}]");
                model.AddGreaterOrEqual(new LinearExpression(2).Add(z, 1.0).Add(w, -1.0), -tariff.SubscribedKw / 1000.0);
                cost.Add(z, 1000.0 * tariff.ExcessEurPerKw);
            }

            if (peak is { } p)
            {
                model.AddGreaterOrEqual(new LinearExpression(2).Add(p, 1.0).Add(w, -1.0), 0.0);
            }
        }

        if (peak is { } top)
        {
            cost.Add(top, 1000.0 * tariff.PeakEurPerKw);
        }

        for (var b = 0; b < tariff.NetBands.Count; b++)
        {
            var band = tariff.NetBands[b];
            var y = model.AddVariable(0, double.PositiveInfinity, $"{name}.tariff_net[{b}]");
            var row = new LinearExpression().Add(y, 1.0);
            foreach (var t in band.Slots)
            {
                row.Add(netMw[t], h);
            }

            model.AddGreaterOrEqual(row, 0.0);
            cost.Add(y, band.EurPerMwh);
        }

        return cost;
    }
}
