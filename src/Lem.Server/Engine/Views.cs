namespace Lem.Server.Engine;

/// <summary>The JSON (snake case) of the server's objects and of RFC 7807 problem documents.</summary>
internal static class Views
{
    /// <summary>A market.</summary>
    public static JsonObject Market(MarketSpec m) => new()
    {
        ["market_id"] = m.MarketId,
        ["mechanism"] = m.Mechanism,
        ["delivery_start"] = WireTime.Text(m.DeliveryStart),
        ["slot_minutes"] = m.SlotMinutes,
        ["slot_count"] = m.SlotCount,
        ["gate_closure_lead_minutes"] = m.GateClosureLeadMinutes,
        ["tick_size_eur_per_mwh"] = m.TickSizeEurPerMwh,
        ["min_price_eur_per_mwh"] = m.MinPriceEurPerMwh,
        ["max_price_eur_per_mwh"] = m.MaxPriceEurPerMwh,
    };

    /// <summary>An order, as its owner sees it.</summary>
    public static JsonObject Order(ServerOrder o) => new()
    {
        ["client_order_id"] = o.ClientOrderId,
        ["order_number"] = o.Number,
        ["participant_id"] = o.ParticipantId,
        ["market_id"] = o.MarketId,
        ["slot"] = o.Slot,
        ["side"] = Side(o.Side),
        ["price_eur_per_mwh"] = Normalize(o.PriceEurPerMwh),
        ["quantity_kwh"] = Normalize(o.QuantityKwh),
        ["filled_kwh"] = Normalize(o.FilledKwh),
        ["open_kwh"] = Normalize(o.OpenKwh),
        ["status"] = OrderStatusNames.Name(o.Status),
        ["reason"] = o.Reason,
        ["submitted_at"] = WireTime.Text(o.SubmittedAt),
    };

    /// <summary>A trade (its fields are the Merkle leaf of the gate closure, in canonical JSON).</summary>
    public static JsonObject Trade(ServerTrade t) => new()
    {
        ["trade_id"] = t.TradeId,
        ["market_id"] = t.MarketId,
        ["slot"] = t.Slot,
        ["buyer"] = t.Buyer,
        ["seller"] = t.Seller,
        ["buy_client_order_id"] = t.BuyClientOrderId,
        ["sell_client_order_id"] = t.SellClientOrderId,
        ["price_eur_per_mwh"] = Normalize(t.PriceEurPerMwh),
        ["quantity_kwh"] = Normalize(t.QuantityKwh),
        ["time"] = WireTime.Text(t.Time),
    };

    /// <summary>A trade for the public stream: no participants, no order ids.</summary>
    public static JsonObject PublicTrade(ServerTrade t) => new()
    {
        ["trade_id"] = t.TradeId,
        ["market_id"] = t.MarketId,
        ["slot"] = t.Slot,
        ["price_eur_per_mwh"] = Normalize(t.PriceEurPerMwh),
        ["quantity_kwh"] = Normalize(t.QuantityKwh),
        ["time"] = WireTime.Text(t.Time),
    };

    /// <summary>A gate closure: the public price, volume and Merkle root of a slot.</summary>
    public static JsonObject Closure(GateClosureRecord g, MarketSpec spec) => new()
    {
        ["market_id"] = g.MarketId,
        ["slot"] = g.Slot,
        ["delivery_start"] = WireTime.Text(spec.SlotStart(g.Slot)),
        ["closed_at"] = WireTime.Text(g.ClosedAt),
        ["price_eur_per_mwh"] = g.PriceEurPerMwh is { } p ? Normalize(p) : null,
        ["volume_kwh"] = Normalize(g.VolumeKwh),
        ["trade_count"] = g.TradeCount,
        ["merkle_root"] = g.MerkleRootHex,
    };

    /// <summary>An RFC 7807 problem document.</summary>
    public static JsonObject Problem(int status, string title, string detail, IReadOnlyDictionary<string, string>? errors = null)
    {
        var o = new JsonObject
        {
            ["type"] = $"https://httpstatuses.io/{status.ToString(CultureInfo.InvariantCulture)}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is { Count: > 0 })
        {
            var e = new JsonObject();
            foreach (var (k, v) in errors)
            {
                e[k] = new JsonArray(v);
            }

            o["errors"] = e;
        }

        return o;
    }

    /// <summary>A 400 problem naming one field.</summary>
    public static CommandResult Invalid(string field, string message) =>
        new(400, Problem(400, "One or more fields are invalid.", $"{field}: {message}", new Dictionary<string, string> { [field] = message }));

    /// <summary>The wire name of a side.</summary>
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    /// <summary>The snake-case name of an order-book reason code.</summary>
    public static string Reason(Lem.Markets.OrderBook.ReasonCode code) => JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());

    /// <summary>A decimal without trailing zeros (10.50 → 10.5).</summary>
    public static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;
}
