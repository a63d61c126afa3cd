using Lem.Domain.Validation;

namespace Lem.Markets.OrderBook;

/// <summary>What <see cref="OrderBookEncoding.Encode"/> made of an order: its ticks and lots, or why it does not conform.</summary>
/// <param name="PriceTicks">The limit price in ticks (0 for a market order or a refusal).</param>
/// <param name="Lots">The quantity in lots.</param>
/// <param name="PeakLots">The iceberg peak in lots (0 for a fully displayed order).</param>
/// <param name="Reason"><see cref="ReasonCode.None"/>, or <see cref="ReasonCode.PriceNotOnTick"/> / <see cref="ReasonCode.QuantityNotOnLot"/>.</param>
/// <param name="Error">The validation error of a refusal (path, code, sentence), or null.</param>
public readonly record struct OrderBookEncodingResult(long PriceTicks, long Lots, long PeakLots, ReasonCode Reason, ValidationError? Error)
{
    /// <summary>True when the order conforms to the tick and lot.</summary>
    public bool Conforms => Reason == ReasonCode.None;

    /// <summary>A refusal.</summary>
    public static OrderBookEncodingResult Refused(ReasonCode reason, ValidationError error) => new(0, 0, 0, reason, error);
}
