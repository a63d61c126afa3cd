namespace Lem.Markets.PeerToPeer;

/// <summary>A reconciled bilateral trade p̂ = (p_nm − p_mn)/2 in one slot, settled at the pair price.</summary>
/// <param name="SellerId">The selling agent.</param>
/// <param name="BuyerId">The buying agent.</param>
/// <param name="Slot">The slot index.</param>
/// <param name="Quantity">The traded quantity, in the agents' quantity unit (kW of the slot for scenario agents; MW in the quadratic examples).</param>
/// <param name="PriceEurPerMwh">The pair price λ_nm.</param>
public sealed record BilateralTrade(string SellerId, string BuyerId, int Slot, double Quantity, double PriceEurPerMwh);
