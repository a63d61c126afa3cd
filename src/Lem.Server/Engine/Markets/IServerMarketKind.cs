using Lem.Server.Api;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// A kind of market the server runs, known by the <c>mechanism</c> name of <c>POST /v1/markets</c>: it reads and checks
/// its own fields of the create request (the hooks run in a fixed order, interleaved with the common fields, so every
/// problem is reported at once) and builds the market from the create_market command, live and on replay.
/// Register kinds in <see cref="ServerMarketKinds"/>.
/// </summary>
internal interface IServerMarketKind
{
    /// <summary>The mechanism name (the registry's key and the market's <c>mechanism</c> field).</summary>
    string Mechanism { get; }

    /// <summary>False when the kind takes the delivery slots from its own fields (delivery_start, slot_minutes and slot_count become optional).</summary>
    bool HorizonRequired => true;

    /// <summary>True when the kind reads an inline scenario (the <c>scenario</c> field of the create request); the scenario kinds then leave the field to it.</summary>
    bool TakesScenario => false;

    /// <summary>
    /// Reads the kind's fields that define or check the delivery slots, after the common slot fields. Runs for every
    /// registered kind, the chosen one or not (<see cref="MarketCreateForm.Mechanism"/>), so a field that belongs to
    /// another mechanism is named as such rather than as unknown.
    /// </summary>
    void ReadHorizon(MarketCreateForm form)
    {
    }

    /// <summary>Reads the kind's other settings, after the common lead time and price band; runs for every registered kind.</summary>
    void ReadSettings(MarketCreateForm form)
    {
    }

    /// <summary>Checks the price band against what the chosen kind can hold, when the band itself is valid.</summary>
    void CheckBand(MarketCreateForm form)
    {
    }

    /// <summary>Builds a market from its create_market command (<paramref name="payload"/> holds the fields the kind added).</summary>
    IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host);
}
