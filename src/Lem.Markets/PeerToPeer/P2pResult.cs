namespace Lem.Markets.PeerToPeer;

/// <summary>The outcome of the P2P market: each agent's <see cref="AdmmResult.Injections"/> are Σ_m p̂_nm of its reconciled trades.</summary>
public sealed record P2pResult : AdmmResult
{
    /// <summary>The reconciled trades with a non-zero quantity, by pair (lower agent position first) and slot.</summary>
    public required IReadOnlyList<BilateralTrade> Trades { get; init; }

    /// <summary>The reconciled trade p̂_nm (n sells to m when positive) per slot, or zeros when n and m are not partners.</summary>
    public required Func<int, int, IReadOnlyList<double>> TradeOf { get; init; }

    /// <summary>The pair price λ_nm per slot, or null when n and m are not partners.</summary>
    public required Func<int, int, IReadOnlyList<double>?> PriceOf { get; init; }

    /// <summary>The largest |p_nm + p_mn| before reconciliation (reciprocity error of the last iterate).</summary>
    public required double ReciprocityError { get; init; }

    /// <summary>With the grid agent, the DLMP per slot and solver bus, EUR/MWh (docs/mechanisms/admm.md#p2p-with-the-grid-agent); else null.</summary>
    public double[][]? BusPricesEurPerMwh { get; init; }
}
