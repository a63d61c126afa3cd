namespace Lem.Server.Api;

/// <summary>
/// <c>GET /v1/settlement</c>: a simple statement from the trades of closed slots — per market and slot the energy bought
/// and sold and the money at the trade prices, each amount rounded to the cent (half away from zero), totals as the sums of
/// the rounded lines; for scenario markets whose scenario has a <c>settlement</c> section, also the participant's invoice
/// from the tariff engine of Lem.Settlement (<c>tariff_invoices</c>: grid tariffs, levies, VAT, the budget identity).
/// </summary>
internal static class SettlementStatement
{
    /// <summary>The query parameter naming whose statement to read.</summary>
    public const string ParticipantQuery = "participant_id";

    /// <summary>
    /// The statement the caller may read: a participant its own (403 for anyone else's); the DSO and the operator one
    /// participant's (with <c>participant_id</c>; 404 when unknown) or every trading participant's.
    /// </summary>
    public static CommandResult Read(MarketEngine engine, Principal caller, string? participantId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == Role.Participant)
        {
            if (participantId is not null && participantId != caller.Id)
            {
                return new CommandResult(403, Views.Problem(403, "Forbidden.", $"{ParticipantQuery}: you may read only your own settlement.",
                    new Dictionary<string, string> { [ParticipantQuery] = "not yours" }));
            }

            return new CommandResult(200, Statement(engine, caller.Id));
        }

        if (participantId is not null)
        {
            return engine.HasParticipant(participantId)
                ? new CommandResult(200, Statement(engine, participantId))
                : new CommandResult(404, Views.Problem(404, "Not found.", $"{ParticipantQuery}: no participant '{participantId}'."));
        }

        var traders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var m in engine.Markets)
        {
            foreach (var slot in m.Closures.Keys)
            {
                foreach (var t in m.Trades(slot))
                {
                    traders.Add(t.Buyer);
                    traders.Add(t.Seller);
                }
            }
        }

        foreach (var cleared in engine.Markets)
        {
            foreach (var positions in cleared.ClearedPositions.Values)
            {
                traders.UnionWith(positions.Where(kv => kv.Value.NetInjectionKwh != 0).Select(kv => kv.Key));
            }
        }

        return new CommandResult(200, new JsonObject
        {
            ["statements"] = new JsonArray(traders.Select(p => (JsonNode)Statement(engine, p)).ToArray()),
        });
    }

    /// <summary>One participant's statement over every closed slot of every market.</summary>
    public static JsonObject Statement(MarketEngine engine, string participantId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var lines = new JsonArray();
        decimal boughtKwh = 0, soldKwh = 0, paidEur = 0, receivedEur = 0;
        var tradeCount = 0;
        foreach (var m in engine.Markets)
        {
            foreach (var slot in m.Closures.Keys.Order())
            {
                decimal lineBoughtKwh = 0, lineSoldKwh = 0, costEur = 0, revenueEur = 0;
                var count = 0;
                foreach (var t in m.Trades(slot))
                {
                    var amountEur = t.PriceEurPerMwh * t.QuantityKwh / 1000m;
                    if (t.Buyer == participantId)
                    {
                        lineBoughtKwh += t.QuantityKwh;
                        costEur += amountEur;
                    }

                    if (t.Seller == participantId)
                    {
                        lineSoldKwh += t.QuantityKwh;
                        revenueEur += amountEur;
                    }

                    if (t.Buyer == participantId || t.Seller == participantId)
                    {
                        count++;
                    }
                }

                if (count == 0)
                {
                    continue;
                }

                var paid = Cents(costEur);
                var received = Cents(revenueEur);
                lines.Add(new JsonObject
                {
                    ["market_id"] = m.Spec.MarketId,
                    ["slot"] = slot,
                    ["delivery_start"] = WireTime.Text(m.Spec.SlotStart(slot)),
                    ["trade_count"] = count,
                    ["bought_kwh"] = Views.Normalize(lineBoughtKwh),
                    ["sold_kwh"] = Views.Normalize(lineSoldKwh),
                    ["paid_eur"] = paid,
                    ["received_eur"] = received,
                    ["net_eur"] = received - paid,
                });
                boughtKwh += lineBoughtKwh;
                soldKwh += lineSoldKwh;
                paidEur += paid;
                receivedEur += received;
                tradeCount += count;
            }
        }

        // Markets that clear positions (pools): the net position of each slot at the price of the participant's bus (no trades).
        foreach (var pool in engine.Markets)
        {
            foreach (var (slot, positions) in pool.ClearedPositions.OrderBy(kv => kv.Key))
            {
                if (!positions.TryGetValue(participantId, out var position) || position.NetInjectionKwh == 0)
                {
                    continue;
                }

                var lineSoldKwh = Math.Max(0m, position.NetInjectionKwh);
                var lineBoughtKwh = Math.Max(0m, -position.NetInjectionKwh);
                var paid = Cents(position.PriceEurPerMwh * lineBoughtKwh / 1000m);
                var received = Cents(position.PriceEurPerMwh * lineSoldKwh / 1000m);
                lines.Add(new JsonObject
                {
                    ["market_id"] = pool.Spec.MarketId,
                    ["slot"] = slot,
                    ["delivery_start"] = WireTime.Text(pool.Spec.SlotStart(slot)),
                    ["trade_count"] = 0,
                    ["bought_kwh"] = Views.Normalize(lineBoughtKwh),
                    ["sold_kwh"] = Views.Normalize(lineSoldKwh),
                    ["paid_eur"] = paid,
                    ["received_eur"] = received,
                    ["net_eur"] = received - paid,
                    ["pool_price_eur_per_mwh"] = Views.Normalize(position.PriceEurPerMwh),
                });
                boughtKwh += lineBoughtKwh;
                soldKwh += lineSoldKwh;
                paidEur += paid;
                receivedEur += received;
            }
        }

        var statement = new JsonObject
        {
            ["participant_id"] = participantId,
            ["currency"] = "EUR",
            ["slots"] = lines,
            ["totals"] = new JsonObject
            {
                ["trade_count"] = tradeCount,
                ["bought_kwh"] = Views.Normalize(boughtKwh),
                ["sold_kwh"] = Views.Normalize(soldKwh),
                ["paid_eur"] = paidEur,
                ["received_eur"] = receivedEur,
                ["net_eur"] = receivedEur - paidEur,
            },
        };

        // Scenario markets with a settlement section: the participant's invoice from the tariff engine (docs/settlement.md).
        var invoices = engine.Markets.Select(m => m.TariffInvoice(participantId)).OfType<JsonNode>().ToArray();
        if (invoices.Length > 0)
        {
            statement["tariff_invoices"] = new JsonArray(invoices);
        }

        return statement;
    }

    /// <summary>An amount rounded to the cent, half away from zero (the billing rule of Lem.Settlement), with two decimals.</summary>
    private static decimal Cents(decimal eur) => Math.Round(eur, 2, MidpointRounding.AwayFromZero);
}
