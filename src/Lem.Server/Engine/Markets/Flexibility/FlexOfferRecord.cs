namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>An FSP's offer of flexibility at a congestion point in one slot.</summary>
/// <param name="CongestionPointId">The congestion point, or null for an offer on a market with a grid that names only its bus.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">up or down.</param>
/// <param name="Kw">The offered power in kW.</param>
/// <param name="PriceEurPerMwh">The activation price.</param>
/// <param name="MinActivationFactor">The smallest fraction of <paramref name="Kw"/> that may be ordered (0 ≤ f ≤ 1).</param>
/// <param name="Sequence">Its arrival order in the market (ties in price go to the earlier offer).</param>
internal sealed record FlexOfferRecord(string? CongestionPointId, int Slot, string Direction, decimal Kw, decimal PriceEurPerMwh, decimal MinActivationFactor, int Sequence)
{
    /// <summary>The FSP's id for it.</summary>
    public required string OfferId { get; init; }

    /// <summary>The FSP's participant id.</summary>
    public required string Fsp { get; init; }

    /// <summary>The grid bus of the offer (on a market with a grid), or null.</summary>
    public string? Bus { get; init; }

    /// <summary>The offered reactive power in kvar (on a market with a grid; 0 otherwise).</summary>
    public decimal Kvar { get; init; }

    /// <summary>True once revoked by its FSP.</summary>
    public bool Revoked { get; set; }

    /// <summary>True once ordered (an offer is ordered at most once).</summary>
    public bool Ordered { get; set; }
}
