using Lem.Markets.Distributed;

namespace Lem.Markets.PeerToPeer;

/// <summary>The outcome of the P2P market.</summary>
public sealed record P2pResult
{
    /// <summary>Convergence, iterations, residuals, messages and wall time.</summary>
    public required AdmmDiagnostics Diagnostics { get; init; }

    /// <summary>The agents in input order.</summary>
    public required IReadOnlyList<string> AgentIds { get; init; }

    /// <summary>The reconciled trades with a non-zero quantity, by pair (lower agent position first) and slot.</summary>
    public required IReadOnlyList<BilateralTrade> Trades { get; init; }

    /// <summary>Each agent's net injection per slot from the reconciled trades, Σ_m p̂_nm.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Injections { get; init; }

    /// <summary>The reconciled trade p̂_nm (n sells to m when positive) per slot, or zeros when n and m are not partners.</summary>
    public required Func<int, int, IReadOnlyList<double>> TradeOf { get; init; }

    /// <summary>The pair price λ_nm per slot, or null when n and m are not partners.</summary>
    public required Func<int, int, IReadOnlyList<double>?> PriceOf { get; init; }

    /// <summary>The largest |p_nm + p_mn| before reconciliation (reciprocity error of the last iterate).</summary>
    public required double ReciprocityError { get; init; }

    /// <summary>Σ of the agents' own reported costs at the end (EUR, with preference costs), or null when costs were not requested.</summary>
    public double? TotalCostEur { get; init; }
}
