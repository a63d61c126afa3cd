using Lem.Markets.Distributed;

namespace Lem.Markets.Exchange;

/// <summary>The outcome of exchange ADMM with a supervisor.</summary>
public sealed record ExchangeResult
{
    /// <summary>Convergence, iterations, residuals, messages and wall time.</summary>
    public required AdmmDiagnostics Diagnostics { get; init; }

    /// <summary>The market price per slot, λ = −ρu (EUR/MWh).</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }

    /// <summary>The agents in input order.</summary>
    public required IReadOnlyList<string> AgentIds { get; init; }

    /// <summary>Each agent's last net injection per slot (agents' quantity unit; injection positive).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Injections { get; init; }

    /// <summary>Σ of the agents' own reported costs at the end (EUR), or null when costs were not requested.</summary>
    public double? TotalCostEur { get; init; }
}
