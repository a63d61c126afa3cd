namespace Lem.Server.Engine.Markets.Continuous;

/// <summary>
/// The per-participant cap on open orders in one slot of a market (docs/order-book.md, "Capacity"): the
/// <c>max_open_orders_per_participant</c> field of the create_market command and the refusal of an order beyond it.
/// Continuous and (plain) call-auction markets take it; a market created before the field existed has none.
/// </summary>
internal static class OpenOrderCap
{
    /// <summary>The field of <c>POST /v1/markets</c>, of the create_market command and of the market view.</summary>
    public const string Field = "max_open_orders_per_participant";

    /// <summary>The largest cap an operator may set.</summary>
    public const int Largest = 1_000_000;

    /// <summary>The cap in a create_market command, or null when the command has none (a market created before caps existed).</summary>
    public static int? Read(JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload[Field] is JsonValue v ? v.GetValue<int>() : null;
    }

    /// <summary>The 422 answer to an order from a participant who holds <paramref name="cap"/> open orders in the slot already.</summary>
    public static CommandResult Refusal(string marketId, int slot, int cap)
    {
        var capText = cap.ToString(CultureInfo.InvariantCulture);
        var problem = Views.Problem(422, "Too many open orders.",
            $"{Field}: you hold {capText} open orders in slot {slot.ToString(CultureInfo.InvariantCulture)} of market '{marketId}', the most allowed per participant; "
            + "cancel one or wait for one to fill before submitting another.",
            new Dictionary<string, string> { [Field] = $"at most {capText} open orders per participant and slot" });
        problem[Field] = cap;
        return new CommandResult(422, problem);
    }
}
