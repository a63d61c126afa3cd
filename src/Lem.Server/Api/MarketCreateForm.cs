namespace Lem.Server.Api;

/// <summary>
/// A <c>POST /v1/markets</c> request being read: the body, the chosen mechanism and the common fields read so far, which
/// the market kinds' hooks may read, check and (for a kind that defines its own slots) set; and the fields the chosen
/// kind adds to the create_market command.
/// </summary>
internal sealed class MarketCreateForm
{
    /// <summary>Starts reading a request.</summary>
    public MarketCreateForm(RequestBody body, string? mechanism)
    {
        Body = body;
        Mechanism = mechanism;
    }

    /// <summary>The request body (field problems go into its <see cref="RequestBody.Errors"/>).</summary>
    public RequestBody Body { get; }

    /// <summary>The chosen mechanism, or null when it is missing or not a registered kind.</summary>
    public string? Mechanism { get; }

    /// <summary>True when the chosen kind reads the inline <c>scenario</c> field itself (<see cref="Engine.Markets.IServerMarketKind.TakesScenario"/>).</summary>
    public bool ChosenTakesScenario { get; init; }

    /// <summary>delivery_start as given (or as the kind sets it).</summary>
    public string? DeliveryStart { get; set; }

    /// <summary>slot_minutes.</summary>
    public int? SlotMinutes { get; set; }

    /// <summary>slot_count.</summary>
    public int? SlotCount { get; set; }

    /// <summary>gate_closure_lead_minutes.</summary>
    public int? GateClosureLeadMinutes { get; set; }

    /// <summary>tick_size_eur_per_mwh (0.01 by default).</summary>
    public decimal TickSizeEurPerMwh { get; set; }

    /// <summary>min_price_eur_per_mwh (-500 by default).</summary>
    public decimal MinPriceEurPerMwh { get; set; }

    /// <summary>max_price_eur_per_mwh (4000 by default).</summary>
    public decimal MaxPriceEurPerMwh { get; set; }

    /// <summary>The fields the chosen kind adds to the create_market command, in order, after the common ones.</summary>
    public JsonObject Extra { get; } = [];

    /// <summary>The server's cap on open orders per participant and slot, for a market whose request names none.</summary>
    public int DefaultMaxOpenOrdersPerParticipant { get; init; } = ServerOptions.DefaultMaxOpenOrdersPerParticipant;

    /// <summary>
    /// For a kind that caps open orders, when it is the chosen one: reads <c>max_open_orders_per_participant</c> (1 to
    /// 1,000,000; the server's default when absent) and adds it to the create_market command. Other kinds leave the field
    /// unread, so it is refused as unknown for them.
    /// </summary>
    public void ReadOpenOrderCap(string mechanism)
    {
        if (Mechanism != mechanism)
        {
            return;
        }

        var cap = Body.Int(Engine.Markets.Continuous.OpenOrderCap.Field, 1, Engine.Markets.Continuous.OpenOrderCap.Largest, required: false);
        Extra[Engine.Markets.Continuous.OpenOrderCap.Field] = cap ?? DefaultMaxOpenOrdersPerParticipant;
    }
}
