using Lem.Markets.Assets;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;

namespace Lem.Simulation.Agents;

/// <summary>
/// A household energy management system's plan (docs/simulation.md#delivery): the participant alone, its assets with
/// the forecast series, against a price forecast. It is the pool's problem with one participant on copper plate (<see cref="PriceResponse"/>), where
/// buying costs the forecast price and selling earns the forecast price less the outside market's spread (so storage
/// does not arbitrage a zero spread).
/// </summary>
public static class SelfDispatch
{
    /// <summary>Whether <paramref name="participant"/> has assets whose schedule is a choice (storage, flexible, curtailable loads).</summary>
    public static bool HasChoices(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return participant.Assets.Any(a => a is Battery or ElectricVehicle or HeatPump or FlexibleLoad or CurtailableLoad);
    }

    /// <summary>The plan, or null when the participant has no choices or its problem has no solution.</summary>
    public static IReadOnlyList<AssetDispatch>? Plan(Participant participant, Horizon horizon, OutsideMarket outside, IReadOnlyList<double> priceForecastEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(outside);
        ArgumentNullException.ThrowIfNull(priceForecastEurPerMwh);
        if (!HasChoices(participant))
        {
            return null;
        }

        var sell = new double[horizon.Count];
        for (var t = 0; t < sell.Length; t++)
        {
            sell[t] = priceForecastEurPerMwh[t] - Math.Max(0, outside.WholesaleImportEurPerMwh[t] - outside.WholesaleExportEurPerMwh[t]);
        }

        return Plan(participant, horizon, outside, priceForecastEurPerMwh, sell);
    }

    /// <summary>
    /// The plan against given buy and sell prices per slot (EUR/MWh): the participant's own share of the pool model,
    /// cleared alone — the price response of the ADMM agents and MPC prosumers (<see cref="PriceResponse"/>), one code path. With buy = sell = the prices a clearing gave the participant, this is its response at those
    /// prices, which reproduces its cleared position at an equilibrium (docs/simulation.md#delivery).
    /// </summary>
    public static IReadOnlyList<AssetDispatch>? Plan(Participant participant, Horizon horizon, OutsideMarket outside, IReadOnlyList<double> buyEurPerMwh, IReadOnlyList<double> sellEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(outside);
        ArgumentNullException.ThrowIfNull(buyEurPerMwh);
        ArgumentNullException.ThrowIfNull(sellEurPerMwh);
        if (!HasChoices(participant))
        {
            return null;
        }

        var plan = PriceResponse.Plan(participant with { Bus = null, Orders = [], Preferences = [] }, horizon, buyEurPerMwh, sellEurPerMwh);
        return plan.IsOptimal ? plan.Assets : null;
    }
}
