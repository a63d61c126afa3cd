namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// What a distributed mechanism needs to clear on a grid (docs/mechanisms/admm.md#the-grid-agent): the grid agent (which
/// alone holds the network model), the bus of every market agent, the point of common coupling, and the bus ids the
/// DLMPs are reported under. The coordinator knows where each agent is connected (as the pool does), not the network.
/// </summary>
internal sealed class GridCoupling
{
    /// <summary>The grid formulations the distributed mechanisms clear on: the linear ones of the pool.</summary>
    public static IReadOnlyList<string> Formulations { get; } = ["copperplate", "dc", "lindistflow"];

    private readonly NetworkIndex _index;

    private GridCoupling(string formulation, NetworkIndex index, GridAgent agent, int[] agentBus, int connectionBus)
    {
        FormulationName = formulation;
        _index = index;
        Agent = agent;
        Endpoint = agent;
        AgentBus = agentBus;
        ConnectionBus = connectionBus;
    }

    /// <summary>The formulation's name.</summary>
    public string FormulationName { get; }

    /// <summary>The grid agent.</summary>
    public GridAgent Agent { get; }

    /// <summary>
    /// The grid agent the coordination sends its messages to (docs/cluster.md#the-grid-agent-as-a-grain): <see cref="Agent"/>
    /// itself in process, or the proxy an <see cref="IAgentHost"/> hands out for it (a grain holding its own copy).
    /// <see cref="Agent"/> then only gives the coordinator the public bus count and positions per bus.
    /// </summary>
    public IAgent Endpoint { get; private init; }

    /// <summary>The same coupling with the grid agent hosted by <paramref name="host"/>, which builds its copy with <paramref name="build"/>.</summary>
    public GridCoupling HostedBy(IAgentHost host, Func<GridAgent> build)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(build);
        return new GridCoupling(FormulationName, _index, Agent, [.. AgentBus], ConnectionBus) { Endpoint = host.Host(Agent.AgentId, build) };
    }

    /// <summary>The solver bus of each member (participants with assets or orders, in scenario order).</summary>
    public IReadOnlyList<int> AgentBus { get; }

    /// <summary>The solver bus of the point of common coupling: the outside market's connection bus, else the slack.</summary>
    public int ConnectionBus { get; }

    /// <summary>The bus ids the DLMPs are reported under (every bus of the user's network; merged buses share their group's price).</summary>
    public IReadOnlyList<string> PriceLocations => _index.AllBusIds.Length > 0 ? [.. _index.AllBusIds.Select(b => b.Value)] : [.. _index.BusIds.Select(b => b.Value)];

    /// <summary>Expands one slot's prices per solver bus to <see cref="PriceLocations"/>.</summary>
    public IReadOnlyList<double> ToPriceLocations(IReadOnlyList<double> perSolverBus) =>
        _index.AllBusIds.Length > 0 ? _index.ToAllBuses(perSolverBus) : perSolverBus;

    /// <summary>Why a distributed mechanism cannot clear this market on <paramref name="formulation"/>, or no error (copper plate, auto, or a grid it represents).</summary>
    public static IReadOnlyList<ValidationError> Check(string mechanism, MarketInput market, string formulation)
    {
        if (formulation is "auto" or "copperplate")
        {
            return [];
        }

        if (!Formulations.Contains(formulation))
        {
            return [new ValidationError("--grid", "clearing.formulation_not_supported", $"The {mechanism} mechanism clears on {string.Join(", ", Formulations)}; --grid {formulation} applies to the pool only (the grid agent projects on a linear formulation).")];
        }

        if (market.Grid is null)
        {
            return [new ValidationError("--grid", "grid.missing", $"--grid {formulation} needs a scenario with a grid; scenario '{market.Name}' has none.")];
        }

        var index = NetworkIndex.Build(market.Grid);
        if (GridFormulations.ByName(formulation).CannotRepresent(index) is { } why)
        {
            return [new ValidationError("--grid", "grid.formulation_not_applicable", $"The {formulation} formulation cannot represent this grid: {why}")];
        }

        var errors = new List<ValidationError>();
        for (var i = 0; i < market.Participants.Count; i++)
        {
            var p = market.Participants[i];
            if (p.Assets.Count == 0 && p.Orders.Count == 0)
            {
                continue;
            }

            if (p.Bus is not { } bus)
            {
                errors.Add(new ValidationError($"participants[{i}].bus", "grid.no_bus", $"Participant '{p.Id}' has assets or orders but no bus; on a grid every agent needs a connection bus."));
            }
            else if (!index.TryIndexOf(bus, out _))
            {
                errors.Add(new ValidationError($"participants[{i}].bus", "grid.unknown_bus", $"Participant '{p.Id}' is connected at bus '{bus}', which is not an in-service bus of the grid."));
            }
        }

        if (market.OutsideMarket.ConnectionBus is { } cb && !index.TryIndexOf(cb, out _))
        {
            errors.Add(new ValidationError("outside_market.connection_bus", "grid.unknown_bus", $"The outside market's connection bus '{cb}' is not an in-service bus of the grid."));
        }
        else if (market.OutsideMarket.ConnectionBus is null && index.SlackIndices.Length == 0)
        {
            errors.Add(new ValidationError("grid", "grid.no_slack", "The grid has no slack bus for the outside market's connection."));
        }

        return errors;
    }

    /// <summary>
    /// The coupling of a market checked by <see cref="Check"/>: the grid agent with the formulation prepared for the
    /// network and the reactive injections it is told (the members' expected consumption at the load power factor).
    /// </summary>
    /// <param name="market">The market with its grid.</param>
    /// <param name="members">The participants that become agents, in agent order.</param>
    /// <param name="formulation">The formulation's name (one of <see cref="Formulations"/> but copper plate).</param>
    /// <param name="expectedConsumptionKw">A member's expected consumption per slot, kW (what draws reactive power).</param>
    /// <param name="loadPowerFactor">The loads' power factor.</param>
    public static GridCoupling Build(MarketInput market, IReadOnlyList<Participant> members, string formulation, Func<Participant, IReadOnlyList<double>> expectedConsumptionKw, double loadPowerFactor)
    {
        var grid = market.Grid ?? throw new ArgumentException($"Scenario '{market.Name}' has no grid.", nameof(market));
        var index = NetworkIndex.Build(grid);
        var prepared = GridFormulations.ByName(formulation).Prepare(index);
        var slots = market.Horizon.Count;
        var agentBus = members.Select(p => index.IndexOf(p.Bus ?? throw new ArgumentException($"Participant '{p.Id}' has no bus.", nameof(members)))).ToArray();
        var connection = market.OutsideMarket.ConnectionBus is { } cb ? index.IndexOf(cb) : index.SlackIndices[0];
        var tanPhi = Math.Sqrt(1.0 - (loadPowerFactor * loadPowerFactor)) / loadPowerFactor;
        var reactive = new double[index.BusCount * slots];
        for (var i = 0; i < members.Count; i++)
        {
            var kw = expectedConsumptionKw(members[i]);
            for (var t = 0; t < slots; t++)
            {
                reactive[(agentBus[i] * slots) + t] -= kw[t] * tanPhi;
            }
        }

        return new GridCoupling(formulation, index, new GridAgent(GridAgent.OperatorId, prepared, connection, reactive, slots, PositionsPerBus(index.BusCount, [.. agentBus, connection])), agentBus, connection);
    }

    /// <summary>
    /// d_b, the market positions at each bus (docs/mechanisms/admm.md#the-grid-agent): the positions at <paramref name="busOf"/>,
    /// and one at every bus without a position (a position fixed at zero, whose dual gives that bus's DLMP).
    /// </summary>
    public static double[] PositionsPerBus(int buses, IReadOnlyList<int> busOf)
    {
        var d = new double[buses];
        foreach (var b in busOf)
        {
            d[b]++;
        }

        for (var b = 0; b < buses; b++)
        {
            d[b] = Math.Max(d[b], 1.0);
        }

        return d;
    }
}
