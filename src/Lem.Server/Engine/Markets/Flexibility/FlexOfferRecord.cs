namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>An FSP's offer of flexibility at a congestion point in one slot.</summary>
/// <param name="OfferId">The FSP's id for it.</param>
/// <param name="Fsp">The FSP's participant id.</param>
/// <param name="CongestionPointId">The congestion point.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">up or down.</param>
/// <param name="Kw">The offered power in kW.</param>
/// <param name="PriceEurPerMwh">The activation price.</param>
/// <param name="MinActivationFactor">The smallest fraction of <paramref name="Kw"/> that may be ordered (0 &lt; f ≤ 1).</param>
/// <param name="Sequence">Its arrival order in the market (ties in price go to the earlier offer).</param>
internal sealed record FlexOfferRecord(string OfferId, string Fsp, string CongestionPointId, int Slot, string Direction, decimal Kw, decimal PriceEurPerMwh, decimal MinActivationFactor, int Sequence)
{
    /// <summary>True once revoked by its FSP.</summary>
    public bool Revoked { get; set; }

    /// <summary>True once ordered (an offer is ordered at most once).</summary>
    public bool Ordered { get; set; }
}
