using Lem.Domain.Orders;

namespace Lem.Scenarios.Reading;

/// <summary>Reads one order: <c>id</c>, <c>side</c> (buy|sell), <c>slot</c> (index or local time) and <c>steps</c>.</summary>
internal static class OrderReader
{
    public static Order? Read(ObjectReader r, ReadContext c, ParticipantId? owner, Dictionary<string, string> orderIds)
    {
        var idText = r.String("id", required: true);
        var side = r.Choice("side", required: true, "buy", "sell");
        var slot = ReadSlot(r, c);
        var stepsElement = r.Array("steps", required: true, ScenarioLimits.MaxStepsPerOrder);
        r.ReportUnknown();

        OrderId? id = null;
        if (idText is not null)
        {
            var problem = IdRules.Problem(idText);
            if (problem is not null)
            {
                r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdInvalid, problem);
            }
            else if (!orderIds.TryAdd(idText, r.PathOf("id")))
            {
                r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdDuplicate, $"The order id '{idText}' is already used at {orderIds[idText]}; order ids must be unique in the scenario.");
            }
            else
            {
                id = new OrderId(idText);
            }
        }

        var steps = new List<PriceStep>();
        var stepsOk = stepsElement is not null;
        if (stepsElement is not null)
        {
            var stepsPath = r.PathOf("steps");
            if (stepsElement.Value.GetArrayLength() == 0)
            {
                r.Diagnostics.Error(stepsPath, ValidationCodes.CurveInvalid, "An order needs at least one step.");
                stepsOk = false;
            }

            var i = 0;
            foreach (var s in stepsElement.Value.EnumerateArray())
            {
                var path = JsonPaths.Index(stepsPath, i++);
                if (s.ValueKind != JsonValueKind.Object)
                {
                    r.Diagnostics.Error(path, ValidationCodes.FieldType, $"A step must be an object with price_eur_per_mwh and quantity_kwh, not {ObjectReader.KindName(s)}.");
                    stepsOk = false;
                    continue;
                }

                var sr = new ObjectReader(s, path, r.Diagnostics);
                var price = sr.Number("price_eur_per_mwh", required: true, NumberRange.Between(PriceBounds.Floor.EurPerMwh, PriceBounds.Cap.EurPerMwh), "EUR/MWh");
                var qty = sr.Number("quantity_kwh", required: true, NumberRange.Positive, "kWh");
                sr.ReportUnknown();
                if (price is null || qty is null)
                {
                    stepsOk = false;
                    continue;
                }

                steps.Add(new PriceStep(Exact(s, "price_eur_per_mwh", price.Value), Exact(s, "quantity_kwh", qty.Value)));
            }
        }

        if (id is null || owner is null || side is null || slot is null || !stepsOk)
        {
            return null;
        }

        return new Order(id.Value, owner.Value, side == "buy" ? OrderSide.Buy : OrderSide.Sell, slot.Value, steps);
    }

    /// <summary>
    /// The decimal the JSON number says (the order's steps are decimal, see <see cref="PriceStep"/>); the checked double
    /// converted when the text has more digits than a decimal holds.
    /// </summary>
    private static decimal Exact(JsonElement step, string name, double value) =>
        step.GetProperty(name).TryGetDecimal(out var d) ? d : value >= 7.9e28 ? decimal.MaxValue : value <= -7.9e28 ? decimal.MinValue : (decimal)value;

    private static int? ReadSlot(ObjectReader r, ReadContext c)
    {
        var e = r.Element("slot", required: true);
        if (e is null || c.Horizon is null)
        {
            return null;
        }

        if (e.Value.ValueKind == JsonValueKind.Number)
        {
            return r.Integer("slot", required: true, 0, c.Horizon.Count - 1);
        }

        if (e.Value.ValueKind != JsonValueKind.String)
        {
            r.TypeError("slot", "a slot index or a local time stamp", e.Value);
            return null;
        }

        var instant = c.Time(r, "slot", required: true);
        if (instant is null)
        {
            return null;
        }

        var slot = c.Horizon.SlotAt(instant.Value);
        if (slot is null || slot.Value.Start != instant.Value)
        {
            r.Diagnostics.Error(r.PathOf("slot"), ValidationCodes.TimeMisaligned, $"'{e.Value.GetString()}' is not the start of a slot of the horizon.");
            return null;
        }

        return slot.Value.Index;
    }
}
