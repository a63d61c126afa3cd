using Lem.Domain.Series;

namespace Lem.Settlement.Tariffs;

/// <summary>The imbalance rule and its reference price.</summary>
/// <remarks>
/// The reference price of slot t is <see cref="PriceEurPerMwh"/>[t] when given, otherwise the outside market's wholesale
/// import price times <see cref="WholesaleFactor"/>.
/// </remarks>
/// <param name="Rule">Single or dual pricing.</param>
/// <param name="PriceEurPerMwh">An explicit reference price per slot in EUR/MWh, or null to derive it from the wholesale import price.</param>
/// <param name="WholesaleFactor">The factor applied to the wholesale import price when no explicit price is given.</param>
public sealed record SettlementImbalance(
    SettlementImbalanceRule Rule = SettlementImbalanceRule.Single,
    SlotSeries? PriceEurPerMwh = null,
    decimal WholesaleFactor = 1m)
{
    /// <summary>Single price at the wholesale import price.</summary>
    public static SettlementImbalance Default { get; } = new();
}
