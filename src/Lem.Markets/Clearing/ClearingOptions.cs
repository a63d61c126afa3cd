using Lem.Domain.Progress;
using Lem.Grid.Distance;
using Lem.Markets.Tariffs;

namespace Lem.Markets.Clearing;

/// <summary>Settings of a clearing; each mechanism reads those its <see cref="ClearingCapabilities"/> name.</summary>
public sealed record ClearingOptions
{
    /// <summary>All defaults.</summary>
    public static ClearingOptions Default { get; } = new();

    /// <summary>The tie rule for an indeterminate uniform price.</summary>
    public PriceRule PriceRule { get; init; } = PriceRule.Midpoint;

    /// <summary>Trading partners per participant besides the outside market; <see cref="int.MaxValue"/> for the complete graph; null for the mechanism's default.</summary>
    public int? PartnersPerAgent { get; init; }

    /// <summary>Network charges on bilateral trades, or null.</summary>
    public NetworkChargePolicy? NetworkCharges { get; init; }

    /// <summary>
    /// Per-meter tariff charges by participant that mechanisms with <see cref="ClearingCapabilities.TariffAware"/> add to
    /// the clearing objective (docs/settlement.md#tariff-aware-clearing); null for none.
    /// </summary>
    public IReadOnlyDictionary<ParticipantId, TariffCost>? Tariffs { get; init; }

    /// <summary>
    /// The limit on the linearised voltage unbalance factor |V_2|/|V_1| in percent at every bus (2 in EN 50160), for
    /// grid formulations that model phases (<c>IUnbalanceLimitedFormulation</c>: lindist3flow); null for none
    /// (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
    /// </summary>
    public double? MaxUnbalancePercent { get; init; }

    /// <summary>Further settings by name, for the mechanisms that read them (their <see cref="ClearingCapabilities.ParameterNames"/>; e.g. stochastic-pool).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where progress is reported (docs/architecture.md#progress), or null for nowhere. Called from worker threads.</summary>
    public IProgress<ProgressUpdate>? Progress { get; init; }

    /// <summary>
    /// Where the agents of a distributed mechanism run (docs/cluster.md#the-transport): null in process, or a host such
    /// as Lem.Cluster's Orleans one; other mechanisms ignore it.
    /// </summary>
    public Lem.Markets.Distributed.IAgentHost? AgentHost { get; init; }

    /// <summary>
    /// Where the coordination of a distributed mechanism runs (docs/cluster.md#the-coordinator-as-a-grain): null in the
    /// caller, or a host such as Lem.Cluster's coordinator grain; other mechanisms ignore it.
    /// </summary>
    public Lem.Markets.Distributed.ICoordinatorHost? CoordinatorHost { get; init; }
}
