namespace Lem.Markets.Distributed;

/// <summary>Settings of <see cref="DistributedClearing"/>.</summary>
public sealed record DistributedOptions
{
    /// <summary>Default settings: see <see cref="Admm"/>, <see cref="P2pAdmm"/> and the automatic P2P graph.</summary>
    public static DistributedOptions Default { get; } = new();

    /// <summary>
    /// The ADMM settings of the exchange and community mechanisms; quantities are kW and prices EUR/MWh. Default ρ = 1
    /// (EUR/MWh per kW), ε_abs = 1e-4 kW, ε_rel = 1e-5: on the village both land within 3e-4 of the centralised welfare.
    /// </summary>
    public AdmmOptions Admm { get; init; } = new() { Rho = 1.0, AbsoluteTolerance = 1e-4, RelativeTolerance = 1e-5, MaxIterations = 5000 };

    /// <summary>
    /// The ADMM settings of the P2P mechanism. Its dual residual's relative term scales with the norm of every pair's
    /// price, far larger than the exchange's one price per slot, so it needs a smaller ε_rel for the same accuracy:
    /// default ε_abs = 1e-4 kW, ε_rel = 1e-6 (village: 3e-4 from the centralised welfare; at 1e-5 it was 1.5e-3).
    /// </summary>
    public AdmmOptions P2pAdmm { get; init; } = new() { Rho = 1.0, AbsoluteTolerance = 1e-4, RelativeTolerance = 1e-6, MaxIterations = 5000 };

    /// <summary>
    /// P2P only: every participant trades with the outside market and with this many neighbours in scenario order (a
    /// ring, half on each side); a number at least the count of participants gives the complete graph. Null chooses:
    /// the complete graph up to <see cref="CompleteGraphUpTo"/> participants, else <see cref="AutomaticPartners"/>
    /// neighbours (a complete graph of the 58 village agents costs 3,300 pairs × 96 slots per iteration and converges
    /// ten times slower, to the same optimum on copper plate).
    /// </summary>
    public int? PartnersPerAgent { get; init; }

    /// <summary>The largest community that gets the complete P2P graph when <see cref="PartnersPerAgent"/> is null.</summary>
    public const int CompleteGraphUpTo = 16;

    /// <summary>The neighbours per participant of the automatic P2P graph of larger communities.</summary>
    public const int AutomaticPartners = 6;

    /// <summary>The id the outside market's agent gets in P2P and exchange results.</summary>
    public string OutsideMarketId { get; init; } = "outside-market";

    /// <summary>
    /// P2P only: exogenous network charges on the bilateral trades (docs/network-charges.md: distance-based, uniform or zonal),
    /// handed to the agents as per-partner preferences (see <see cref="Lem.Markets.Distributed.NetworkCharges"/>); null for none.
    /// </summary>
    public Lem.Grid.Distance.NetworkChargePolicy? NetworkCharges { get; init; }

    /// <summary>
    /// Tariff-aware clearing: each listed participant's per-meter charges become part of its agent's private cost
    /// (docs/settlement.md#tariff-aware-clearing); the reported welfare stays the market's. Null for none.
    /// </summary>
    public IReadOnlyDictionary<ParticipantId, Lem.Markets.Tariffs.TariffCost>? Tariffs { get; init; }

    /// <summary>
    /// The grid formulation the market clears on (docs/mechanisms/admm.md#the-grid-agent): <c>copperplate</c> (the default)
    /// or a linear formulation of the pool (<c>lindistflow</c>, <c>dc</c>), which adds the grid agent.
    /// </summary>
    public string GridFormulation { get; init; } = "copperplate";

    /// <summary>
    /// Where the agents run (docs/cluster.md#the-transport): null runs them in process; a host such as the Orleans
    /// one of Lem.Cluster runs each as a grain behind a proxy, and the coordination runs unchanged.
    /// </summary>
    public IAgentHost? AgentHost { get; init; }

    /// <summary>
    /// Where the coordination runs (docs/cluster.md#the-coordinator-as-a-grain): null runs it in the caller; a host such
    /// as the Orleans one of Lem.Cluster runs it as a grain and hands back its result.
    /// </summary>
    public ICoordinatorHost? CoordinatorHost { get; init; }

    /// <summary>The grid agent and the agents' buses when <see cref="GridFormulation"/> is a grid; set by the mechanism.</summary>
    internal Grid.GridCoupling? Coupling { get; init; }
}
