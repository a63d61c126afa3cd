using Lem.Markets.Distributed;

namespace Lem.Markets.Community;

/// <summary>The outcome of the community market.</summary>
public sealed record CommunityResult
{
    /// <summary>Convergence, iterations, residuals, messages and wall time.</summary>
    public required AdmmDiagnostics Diagnostics { get; init; }

    /// <summary>The community price λ_com per slot (EUR/MWh), in [π_exp, π_imp].</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }

    /// <summary>The members in input order.</summary>
    public required IReadOnlyList<string> MemberIds { get; init; }

    /// <summary>Each member's last net position P_n per slot (injection positive).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Positions { get; init; }

    /// <summary>The community's import from the outside market per slot (Σα).</summary>
    public required IReadOnlyList<double> Imports { get; init; }

    /// <summary>The community's export to the outside market per slot (Σβ).</summary>
    public required IReadOnlyList<double> Exports { get; init; }

    /// <summary>Σ of the members' own reported costs plus the outside trade (EUR), or null when costs were not requested.</summary>
    public double? TotalCostEur { get; init; }
}
