using Lem.Domain.Sampling;
using Lem.Markets.OrderBook;

namespace Lem.Markets.Continuous;

/// <summary>
/// The Gode–Sunder experiment on Lem's limit order book (docs/agents.md#the-gode-sunder-experiment): buyers with fixed
/// values and sellers with fixed costs, one unit (1 MWh) each. In every round one trader still in the market is drawn
/// at random (seeded); it withdraws its resting order, if any, and submits a new zero-intelligence limit order
/// (<see cref="ZeroIntelligence"/>) to the book, which matches in price–time priority at the resting order's price.
/// Traders who traded leave. The run stops after a round limit or when one side is empty. Allocative efficiency =
/// realised surplus Σ (value − cost) / the maximum surplus.
/// </summary>
public sealed class GodeSunderMarket
{
    private const decimal UnitKwh = 1000m;

    /// <summary>A market of buyers with <paramref name="buyerValuesEurPerMwh"/> and sellers with <paramref name="sellerCostsEurPerMwh"/>; random prices lie in [floor, cap].</summary>
    /// <exception cref="ArgumentException">When a side is empty, the floor is not below the cap, or a value or cost lies outside [floor, cap].</exception>
    public GodeSunderMarket(IReadOnlyList<double> buyerValuesEurPerMwh, IReadOnlyList<double> sellerCostsEurPerMwh, double floorEurPerMwh, double capEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(buyerValuesEurPerMwh);
        ArgumentNullException.ThrowIfNull(sellerCostsEurPerMwh);
        if (buyerValuesEurPerMwh.Count == 0 || sellerCostsEurPerMwh.Count == 0)
        {
            throw new ArgumentException("A Gode–Sunder market needs at least one buyer and one seller.");
        }

        if (!(floorEurPerMwh < capEurPerMwh) || buyerValuesEurPerMwh.Concat(sellerCostsEurPerMwh).Any(v => v < floorEurPerMwh || v > capEurPerMwh))
        {
            throw new ArgumentException("Values and costs must lie in [floor, cap] and the floor must be below the cap.");
        }

        BuyerValuesEurPerMwh = [.. buyerValuesEurPerMwh];
        SellerCostsEurPerMwh = [.. sellerCostsEurPerMwh];
        FloorEurPerMwh = floorEurPerMwh;
        CapEurPerMwh = capEurPerMwh;
        var values = BuyerValuesEurPerMwh.OrderByDescending(v => v).ToArray();
        var costs = SellerCostsEurPerMwh.OrderBy(c => c).ToArray();
        for (var k = 0; k < Math.Min(values.Length, costs.Length) && values[k] >= costs[k]; k++)
        {
            MaximumSurplusEur += values[k] - costs[k];
            EfficientTrades++;
        }
    }

    /// <summary>The buyers' values, EUR/MWh.</summary>
    public IReadOnlyList<double> BuyerValuesEurPerMwh { get; }

    /// <summary>The sellers' costs, EUR/MWh.</summary>
    public IReadOnlyList<double> SellerCostsEurPerMwh { get; }

    /// <summary>The lowest random price.</summary>
    public double FloorEurPerMwh { get; }

    /// <summary>The highest random price.</summary>
    public double CapEurPerMwh { get; }

    /// <summary>The maximum surplus (the competitive equilibrium's): Σ over the efficient pairs of value − cost, EUR.</summary>
    public double MaximumSurplusEur { get; }

    /// <summary>The number of units traded at the competitive equilibrium.</summary>
    public int EfficientTrades { get; }

    /// <summary>
    /// A symmetric step market after Gode and Sunder: 12 buyers with values 200, 190, …, 90 and 12 sellers with costs
    /// 50, 60, …, 160 EUR/MWh, prices in [0, 250]; the competitive equilibrium trades 8 units at a price in [120, 130]
    /// with a surplus of 640 EUR.
    /// </summary>
    public static GodeSunderMarket Symmetric() =>
        new([.. Enumerable.Range(0, 12).Select(i => 200.0 - (10 * i))], [.. Enumerable.Range(0, 12).Select(i => 50.0 + (10 * i))], 0, 250);

    /// <summary>One seeded run of at most <paramref name="rounds"/> order submissions; ZI-C traders when <paramref name="constrained"/>, else ZI.</summary>
    public GodeSunderRun Run(bool constrained, ulong seed, int rounds = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var random = new SplitMix64(seed);
        var product = new OrderBookProduct
        {
            ProductId = "gode-sunder",
            GateClosure = Instant.MaxValue,
            TickSizeEurPerMwh = ContinuousMechanism.TickEurPerMwh,
            LotSizeMwh = 1m,
            MinPriceEurPerMwh = ContinuousMechanism.OnTick((decimal)FloorEurPerMwh, OrderSide.Buy),
            MaxPriceEurPerMwh = ContinuousMechanism.OnTick((decimal)CapEurPerMwh, OrderSide.Sell),
        };
        var market = new ContinuousMarket(new FixedClock(Instant.FromUnixTimeTicks(0)), [product]);
        var buyers = BuyerValuesEurPerMwh.Count;
        var traders = buyers + SellerCostsEurPerMwh.Count;
        var ids = Enumerable.Range(0, traders).Select(i => new ParticipantId(i < buyers ? $"b{i + 1}" : $"s{i - buyers + 1}")).ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var active = Enumerable.Range(0, traders).ToList();
        var live = new long?[traders];
        var (trades, surplus, priceSum) = (0, 0.0, 0.0);
        for (long round = 1; round <= rounds; round++)
        {
            if (!active.Any(i => i < buyers) || !active.Any(i => i >= buyers))
            {
                break;
            }

            var trader = active[random.Next(active.Count)];
            if (live[trader] is { } previous)
            {
                market.Cancel(product.ProductId, ids[trader], previous);
            }

            var side = trader < buyers ? OrderSide.Buy : OrderSide.Sell;
            var limit = Limit(trader);
            var price = ZeroIntelligence.OnTick(ZeroIntelligence.PriceEurPerMwh(side, limit, FloorEurPerMwh, CapEurPerMwh, constrained, random.NextDouble()), side);
            var order = new Order(new OrderId($"{ids[trader]}-{round}"), ids[trader], side, 0, price, UnitKwh);
            var result = market.Submit(new MarketOrderRequest { ProductId = product.ProductId, ClientOrderId = round, Order = order });
            live[trader] = result.Accepted ? round : null;
            foreach (var trade in result.Trades)
            {
                var (a, r) = (index[trade.Aggressor], index[trade.Resting]);
                var (buyer, seller) = a < buyers ? (a, r) : (r, a);
                surplus += Limit(buyer) - Limit(seller);
                priceSum += (double)trade.PriceEurPerMwh;
                trades++;
                live[a] = live[r] = null;
                active.Remove(a);
                active.Remove(r);
            }
        }

        return new GodeSunderRun(seed, trades, surplus, surplus / MaximumSurplusEur, trades > 0 ? priceSum / trades : double.NaN);

        double Limit(int trader) => trader < buyers ? BuyerValuesEurPerMwh[trader] : SellerCostsEurPerMwh[trader - buyers];
    }

    /// <summary><paramref name="runs"/> runs with seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, ….</summary>
    public GodeSunderSummary Experiment(bool constrained, int runs, ulong firstSeed = 1, int rounds = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        return new GodeSunderSummary(constrained, [.. Enumerable.Range(0, runs).Select(i => Run(constrained, firstSeed + (ulong)i, rounds))]);
    }
}
