namespace Lem.Markets.Distributed;

/// <summary>
/// The network charge on one settled P2P trade under the policy's split, with the energy price re-quoted for that split:
/// the seller receives <see cref="EnergyPriceEurPerMwh"/> − <see cref="SellerChargeEurPerMwh"/> and the buyer pays
/// <see cref="EnergyPriceEurPerMwh"/> + <see cref="BuyerChargeEurPerMwh"/>, the same net prices as cleared.
/// </summary>
/// <param name="Trade">The trade.</param>
/// <param name="ChargeEurPerMwh">The pair's charge c_nm, EUR/MWh.</param>
/// <param name="BuyerChargeEurPerMwh">The part the buyer pays, EUR/MWh.</param>
/// <param name="SellerChargeEurPerMwh">The part the seller pays, EUR/MWh.</param>
/// <param name="EnergyPriceEurPerMwh">The bilateral energy price under the policy's split, EUR/MWh.</param>
public sealed record NetworkChargesTradeSettlement(
    DistributedTrade Trade,
    double ChargeEurPerMwh,
    double BuyerChargeEurPerMwh,
    double SellerChargeEurPerMwh,
    double EnergyPriceEurPerMwh)
{
    /// <summary>The charge on the trade's energy, EUR.</summary>
    public decimal ChargeEur => ToEur(ChargeEurPerMwh);

    /// <summary>The buyer's part, EUR.</summary>
    public decimal BuyerChargeEur => ToEur(BuyerChargeEurPerMwh);

    /// <summary>The seller's part, EUR: the charge less the buyer's part, so that the parts add up to the charge exactly.</summary>
    public decimal SellerChargeEur => ChargeEur - BuyerChargeEur;

    private decimal ToEur(double eurPerMwh) => (decimal)(eurPerMwh * Trade.QuantityKwh / 1000.0);
}
