using Lem.Settlement.Tariffs;

namespace Lem.Simulation.Days;

/// <summary>
/// The imbalance settlement of the settlement layer (docs/settlement.md#imbalance), applied to the delivered (metered)
/// minus the scheduled energy e = (delivered − scheduled)·Δt per participant and slot: the reference price is the
/// explicit imbalance price or the wholesale import price times the factor; <c>single</c> prices both directions at
/// it; <c>dual</c> pays a long participant (e &gt; 0) the lower of the reference and its own day-ahead price and charges a
/// short one the higher. The amount −e·price is positive when owed. Energy and prices are rounded to 1e-6 first, so the
/// amounts are exact in decimal.
/// </summary>
/// <param name="settings">The imbalance rule and reference price.</param>
/// <param name="outside">The day's outside market.</param>
public sealed class ImbalancePricing(SettlementImbalance settings, OutsideMarket outside)
{
    /// <summary>The reference price of slot <paramref name="slot"/>, EUR/MWh.</summary>
    public decimal ReferenceEurPerMwh(int slot) => settings.PriceEurPerMwh is { } explicitPrice && explicitPrice.Count > slot
        ? Math.Round((decimal)explicitPrice[slot], 6)
        : Math.Round(Math.Round((decimal)outside.WholesaleImportEurPerMwh[slot], 6) * settings.WholesaleFactor, 6, MidpointRounding.ToEven);

    /// <summary>The amount owed (EUR, negative: received) for an imbalance of <paramref name="kwh"/> in <paramref name="slot"/> by a participant whose own price there is <paramref name="ownPriceEurPerMwh"/>.</summary>
    public decimal AmountEur(int slot, double kwh, double ownPriceEurPerMwh)
    {
        var e = Math.Round((decimal)kwh, 6);
        if (e == 0)
        {
            return 0m;
        }

        var reference = ReferenceEurPerMwh(slot);
        var own = double.IsFinite(ownPriceEurPerMwh) ? Math.Round((decimal)ownPriceEurPerMwh, 6) : reference;
        var price = settings.Rule == SettlementImbalanceRule.Single ? reference : e > 0 ? Math.Min(reference, own) : Math.Max(reference, own);
        return -e * price / 1000m;
    }
}
