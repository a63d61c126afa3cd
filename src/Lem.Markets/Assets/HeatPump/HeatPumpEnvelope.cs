using static Lem.Markets.Assets.AssetReading;

namespace Lem.Markets.Assets;

/// <summary>
/// The exact feasibility check of a heat pump on its own: the heat the store can hold at the end of each slot is an
/// interval [lo(t), hi(t)], since the state equation is increasing in both the stored heat and the power —
/// lo(t) = max(comfort min, (1 − loss·Δt)·lo(t−1) + (COP·P_min − D)·Δt) and
/// hi(t) = min(comfort max, (1 − loss·Δt)·hi(t−1) + (COP·P_max − D)·Δt) from lo(−1) = hi(−1) = the initial heat. The
/// schedule exists if and only if no slot pushes the unclipped hi below the comfort minimum or the unclipped lo above
/// the comfort maximum, and hi(T−1) reaches the final heat.
/// </summary>
internal static class HeatPumpEnvelope
{
    private const double ToleranceKwh = 1e-9;

    /// <summary>The first reason no schedule exists, or null when one does.</summary>
    public static HeatPumpProblem? Check(HeatPump hp, Horizon horizon)
    {
        var h = horizon.SlotHours;
        var keep = hp.Retention(h);
        var lo = hp.InitialEnergy.Kwh;
        var hi = lo;
        var n = Math.Min(horizon.Count, Math.Min(hp.Cop.Count, hp.ThermalDemandKw.Count));
        for (var t = 0; t < n; t++)
        {
            var cop = hp.Cop[t];
            var demand = hp.ThermalDemandKw[t];
            var hiNext = (keep * hi) + (((cop * hp.MaxPower.Kw) - demand) * h);
            var loNext = (keep * lo) + (((cop * hp.MinPower.Kw) - demand) * h);
            if (hiNext < hp.ComfortMin.Kwh - ToleranceKwh)
            {
                return new HeatPumpProblem(HeatPumpProblemKind.TooCold, t, Inv(
                    $"in slot {t} its stored heat falls below its comfort minimum of {hp.ComfortMin.Kwh:0.###} kWh_th: even at its maximum power of {hp.MaxPower.Kw:0.###} kW (COP {cop:0.###}) it holds at most {hiNext:0.###} kWh_th against a thermal demand of {demand:0.###} kW_th"));
            }

            if (loNext > hp.ComfortMax.Kwh + ToleranceKwh)
            {
                return new HeatPumpProblem(HeatPumpProblemKind.TooWarm, t, Inv(
                    $"in slot {t} its stored heat rises above its comfort maximum of {hp.ComfortMax.Kwh:0.###} kWh_th: even at its minimum power of {hp.MinPower.Kw:0.###} kW (COP {cop:0.###}) it holds at least {loNext:0.###} kWh_th against a thermal demand of {demand:0.###} kW_th"));
            }

            lo = Math.Max(hp.ComfortMin.Kwh, loNext);
            hi = Math.Min(hp.ComfortMax.Kwh, hiNext);
        }

        if (n > 0 && hi < hp.FinalEnergyMin.Kwh - ToleranceKwh)
        {
            return new HeatPumpProblem(HeatPumpProblemKind.FinalUnreachable, n - 1, Inv(
                $"it can hold at most {hi:0.###} kWh_th at the end of the horizon, below its final stored heat of {hp.FinalEnergyMin.Kwh:0.###} kWh_th"));
        }

        return null;
    }
}
