using Lem.Domain.Series;

namespace Lem.Settlement.Tariffs;

/// <summary>The imbalance rule and its reference price.</summary>
/// <remarks>
/// The reference price of slot t is <see cref="PriceEurPerMwh"/>[t] when given, otherwise the outside market's wholesale
/// import price times <see cref="WholesaleFactor"/>.
/// </remarks>
public sealed record SettlementImbalance
{
    /// <summary>Single price at the wholesale import price.</summary>
    public static SettlementImbalance Default { get; } = new();

    /// <summary>Single or dual pricing.</summary>
    public SettlementImbalanceRule Rule { get; init; } = SettlementImbalanceRule.Single;

    /// <summary>An explicit reference price per slot in EUR/MWh, or null to derive it from the wholesale import price.</summary>
    public SlotSeries? PriceEurPerMwh { get; init; }

    /// <summary>The factor applied to the wholesale import price when no explicit price is given.</summary>
    public decimal WholesaleFactor { get; init; } = 1m;
}
