namespace Lem.Markets.Community;

/// <summary>The outcome of the community market: the members' positions are the <see cref="AdmmResult.Injections"/>.</summary>
public sealed record CommunityResult : AdmmResult
{
    /// <summary>The community price λ_com per slot (EUR/MWh), in [π_exp, π_imp].</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }

    /// <summary>The community's import from the outside market per slot (Σα).</summary>
    public required IReadOnlyList<double> Imports { get; init; }

    /// <summary>The community's export to the outside market per slot (Σβ).</summary>
    public required IReadOnlyList<double> Exports { get; init; }
}
