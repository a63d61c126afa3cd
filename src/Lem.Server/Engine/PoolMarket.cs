using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;

namespace Lem.Server.Engine;

/// <summary>
/// A pool-clearing market's state: the scenario it was created with and, after its one gate closure, the clearing of
/// the whole horizon (with the AC check when the scenario has a grid) or why the clearing failed.
/// </summary>
internal sealed class PoolMarket
{
    /// <summary>Creates the state of a pool market over <paramref name="scenario"/>.</summary>
    public PoolMarket(MarketSpec spec, Scenario scenario)
    {
        Spec = spec;
        Scenario = scenario;
        ParticipantIds = new HashSet<string>(scenario.Participants.Select(p => p.Id.Value), StringComparer.Ordinal);
    }

    /// <summary>The market as created.</summary>
    public MarketSpec Spec { get; }

    /// <summary>The scenario as read from the create_market command.</summary>
    public Scenario Scenario { get; }

    /// <summary>The ids of the scenario's participants: only they may submit orders.</summary>
    public IReadOnlySet<string> ParticipantIds { get; }

    /// <summary>True once the gate closure has run the clearing (successfully or not).</summary>
    public bool Cleared { get; set; }

    /// <summary>The clearing of the whole horizon with the server orders added, or null before clearing or when it threw.</summary>
    public PoolResult? Result { get; set; }

    /// <summary>The AC check of an optimal clearing on a grid, or null.</summary>
    public AcCheckResult? AcCheck { get; set; }

    /// <summary>Why the clearing failed (status and message), or null when it succeeded or has not run.</summary>
    public string? Failure { get; set; }

    /// <summary>Per slot: each participant's net injection in kWh (rounded to the Wh) and the price at its bus in EUR/MWh (rounded to 6 decimals).</summary>
    public Dictionary<int, SortedDictionary<string, (decimal NetInjectionKwh, decimal PriceEurPerMwh)>> Positions { get; } = [];
}
