using Lem.Simulation.Agents;

namespace Lem.Simulation.Days;

/// <summary>
/// One simulation run (docs/simulation.md): the days, the mechanism of the day-ahead stage (any registered one), the
/// agents' strategy, the forecaster, the intraday stage, the redispatch and the seed. Names are the registries' names.
/// </summary>
/// <param name="Source">Where the days come from.</param>
/// <param name="Days">How many days to run (from day 0).</param>
public sealed record SimulationSettings(IDaySource Source, int Days)
{
    /// <summary>The day-ahead mechanism (a name of <see cref="ClearingMechanisms"/>).</summary>
    public string Mechanism { get; init; } = "pool";

    /// <summary>The grid formulation ("auto" lets the mechanism choose).</summary>
    public string Formulation { get; init; } = "auto";

    /// <summary>The mechanism's options (price rule, partners, parameters such as alpha and beta).</summary>
    public ClearingOptions Clearing { get; init; } = ClearingOptions.Default;

    /// <summary>The agents' strategy (a name of <see cref="AgentStrategies"/>).</summary>
    public string Agents { get; init; } = "truthful";

    /// <summary>
    /// The participants that bid with the <c>strategic</c> strategy while the others bid as <see cref="Agents"/> says
    /// (docs/agents.md#strategic); null: as <see cref="Agents"/> says for everyone.
    /// </summary>
    public IReadOnlySet<ParticipantId>? Strategic { get; init; }

    /// <summary>The agents' settings.</summary>
    public AgentSettings AgentSettings { get; init; } = new();

    /// <summary>The forecaster (a name of <see cref="Forecasts.Forecasters"/>): perfect, persistence or noisy.</summary>
    public string Forecast { get; init; } = "perfect";

    /// <summary>The noisy forecaster's relative error level.</summary>
    public double ForecastError { get; init; } = 0.1;

    /// <summary>The intraday stage: none, continuous or auction.</summary>
    public string Intraday { get; init; } = "none";

    /// <summary>The redispatch (a name of <see cref="Lem.Markets.Redispatch.RedispatchStrategies"/>): none, iterative or bid-limits.</summary>
    public string Redispatch { get; init; } = "none";

    /// <summary>The imbalance rule and reference price; null: the scenario's settlement section when the source is a scenario, else the settlement layer's default (single price at the wholesale import price).</summary>
    public Lem.Settlement.Tariffs.SettlementImbalance? Imbalance { get; init; }

    /// <summary>Whether agents bid in parallel over the machine's cores (results do not depend on it).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>The run's seed: equal settings and seed give byte-identical outputs.</summary>
    public ulong Seed { get; init; } = 1;
}
