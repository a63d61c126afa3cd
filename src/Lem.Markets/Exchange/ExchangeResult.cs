namespace Lem.Markets.Exchange;

/// <summary>The outcome of exchange ADMM with a supervisor.</summary>
public sealed record ExchangeResult : AdmmResult
{
    /// <summary>The market price per slot, λ = −ρu (EUR/MWh).</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }
}
