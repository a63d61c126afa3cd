using Lem.Server.Api;

namespace Lem.Server.Engine.Markets.Continuous;

/// <summary>The <c>continuous</c> kind: one order book per slot, matched on arrival until the slot's gate closure.</summary>
internal sealed class ContinuousMarketKind : IServerMarketKind
{
    /// <summary>
    /// The most price levels over all books of one continuous market (a 96-slot day at 0.01 EUR/MWh over −500…4000 EUR/MWh
    /// holds 43 million). Levels are allocated on demand, but each book keeps a directory of one reference per 256 levels
    /// and side (about 1/16 byte per level): this bounds the directories of one market to about 12 MB.
    /// </summary>
    public const decimal MaxPriceLevelsPerMarket = 200_000_000m;

    /// <inheritdoc />
    public string Mechanism => "continuous";

    /// <inheritdoc />
    public void CheckBand(MarketCreateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.SlotCount is { } slots && ((form.MaxPriceEurPerMwh - form.MinPriceEurPerMwh) / form.TickSizeEurPerMwh + 1) * slots > MaxPriceLevelsPerMarket)
        {
            form.Body.Errors["tick_size_eur_per_mwh"] = $"is too fine for {slots} slots: a continuous market's books may hold at most {MaxPriceLevelsPerMarket:N0} price levels in all "
                + "(ticks in the band times slot_count); use a coarser tick, a narrower band or fewer slots";
        }
    }

    /// <inheritdoc />
    public void ReadSettings(MarketCreateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.ReadOpenOrderCap(Mechanism);
    }

    /// <inheritdoc />
    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host) => new ContinuousServerMarket(spec, host, OpenOrderCap.Read(payload));
}
