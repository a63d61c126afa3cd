namespace Lem.Domain.Participants;

/// <summary>The part a participant plays in a local market.</summary>
public enum ParticipantRole
{
    /// <summary>Only consumes (a household without generation).</summary>
    Consumer,

    /// <summary>Consumes and produces (a household with PV, possibly a battery or EV).</summary>
    Prosumer,

    /// <summary>Only produces (a community PV park, a wind turbine).</summary>
    Producer,

    /// <summary>Owns and operates storage (a community battery).</summary>
    StorageOwner,

    /// <summary>Bundles the flexibility of others and trades on their behalf.</summary>
    Aggregator,

    /// <summary>The distribution system operator, which buys flexibility and sets grid tariffs.</summary>
    Dso,

    /// <summary>The market operator or community manager, which clears the market.</summary>
    MarketOperator,
}
