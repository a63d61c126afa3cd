using static Lem.Markets.Auctions.AuctionMath;

namespace Lem.Markets.Auctions;

/// <summary>
/// The uniform-price (pay-as-clear) double auction (docs/mechanisms/auctions.md#uniform-price-k-double-auction, with the pool's tie rules): the efficient volume,
/// one price per slot in the market-clearing interval [p_low, p_high] chosen by <see cref="PriceRule"/>; budget-balanced
/// (operator surplus 0). The volume of a tied marginal price level is split pro rata to quantity, rounded to 1 Wh with the
/// remainder to the earliest orders (time, then sequence).
/// </summary>
public sealed record UniformPriceAuction : ICallAuction
{
    /// <summary>How the price is picked in the interval; the k-double auction by default.</summary>
    public UniformPriceRule PriceRule { get; init; } = UniformPriceRule.KDouble;

    /// <summary>The k of the k-double auction, in [0, 1]; ½ (the midpoint) by default. Ignored by the marginal-order rule.</summary>
    public double K { get; init; } = 0.5;

    /// <inheritdoc />
    public string Name => "uniform";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">When <see cref="K"/> is outside [0, 1].</exception>
    public AuctionResult Clear(AuctionBook book)
    {
        if (!(K >= 0 && K <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "k must be in [0, 1].");
        }

        List<string> rules =
        [
            PriceRule == UniformPriceRule.KDouble
                ? $"price: uniform, k-double auction with k = {F(K)}: p = p_low + k (p_high - p_low) in the market-clearing interval [p_low, p_high] = [max(s_(K), b_(K+1)), min(b_(K), s_(K+1))]"
                : "price: uniform, marginal order's price: p = p_low = max(s_(K), b_(K+1)), the lower end of the market-clearing interval",
            "payment: every buyer pays and every seller receives the clearing price; operator surplus 0",
            "volume: the largest welfare-maximising volume (steps at equal bid and ask prices trade); the volume of a tied marginal price level is split pro rata to the steps' quantities, rounded down to 0.001 kWh, the remainder going to the earliest orders",
        ];
        return ClearAll(book, Name, rules, ClearSlot);
    }

    private AuctionSlotResult ClearSlot(int slot, List<SideStep> bids, List<SideStep> asks, List<string> warnings)
    {
        var a = ClearEfficient(bids, asks);
        var low = Finite(a.PriceLowEurPerMwh);
        var high = Finite(a.PriceHighEurPerMwh);
        double? price = null;
        var notes = new List<string>();
        if (a.VolumeKwh > EpsilonKwh && low is { } l && high is { } h)
        {
            price = PriceRule == UniformPriceRule.KDouble ? l + (K * (h - l)) : l;
            notes.Add($"efficient volume {F(a.VolumeKwh)} kWh; interval [{F(l)}, {F(h)}]; price {F(price.Value)}");
        }
        else
        {
            notes.Add("no bid meets an ask: no trade");
        }

        var trades = price is { } p ? Pair(slot, bids, a.BidAcceptedKwh, asks, a.AskAcceptedKwh, (_, _) => (p, p)) : [];
        return SlotResult(slot, trades, low, high, a.VolumeKwh, notes, price, price);
    }
}
