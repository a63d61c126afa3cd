namespace Lem.Markets.Distributed;

/// <summary>What every ADMM engine's outcome holds: the diagnostics, the agents, their net injections and their reported costs.</summary>
public abstract record AdmmResult
{
    /// <summary>Convergence, iterations, residuals, messages and wall time.</summary>
    public required AdmmDiagnostics Diagnostics { get; init; }

    /// <summary>The agents (the community's members) in input order.</summary>
    public required IReadOnlyList<string> AgentIds { get; init; }

    /// <summary>Each agent's last net injection per slot (agents' quantity unit; injection positive).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Injections { get; init; }

    /// <summary>
    /// Σ of the agents' own reported costs at the end (EUR; the community's with the outside trade, P2P's with the
    /// preference costs), or null when costs were not requested.
    /// </summary>
    public double? TotalCostEur { get; init; }
}
