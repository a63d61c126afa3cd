using Lem.Markets.Preferences;

namespace Lem.Markets.Distributed;

/// <summary>
/// Builds the agents of one distributed clearing of a market from the scenario alone (docs/cluster.md#agents-as-grains):
/// each participant with assets or orders, with its network-charge preferences, purchase premiums and tariff as the
/// mechanism prices them, and the outside market. The in-process run and every remote host build their agents here,
/// so an agent's private data can be re-created wherever it runs.
/// </summary>
public sealed class AgentFactory
{
    private readonly MarketInput _market;
    private readonly DistributedOptions _options;
    private readonly Dictionary<string, Participant> _members;

    internal AgentFactory(MarketInput market, DistributedOptions options, NetworkChargesTable? charges, PreferencePremiums? premiums)
    {
        _market = market;
        _options = options;
        Charges = charges;
        Premiums = premiums;
        Members = [.. market.Participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0)];
        _members = Members.ToDictionary(p => p.Id.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The participants that become agents (those with assets or orders), in scenario order.</summary>
    public IReadOnlyList<Participant> Members { get; }

    /// <summary>The id of the outside market's agent (for the mechanisms that trade with it as an agent).</summary>
    public string OutsideMarketId => _options.OutsideMarketId;

    /// <summary>The network charges the agents see as preferences, if the mechanism prices them.</summary>
    internal NetworkChargesTable? Charges { get; }

    private PreferencePremiums? Premiums { get; }

    /// <summary>The agent of a member participant, or of the outside market for <see cref="OutsideMarketId"/>.</summary>
    /// <exception cref="ArgumentException">When no member participant has the id.</exception>
    public IAgent Build(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (agentId == _options.OutsideMarketId)
        {
            return LocalAgent.OutsideMarket(agentId, _market.OutsideMarket, _market.Horizon);
        }

        if (!_members.TryGetValue(agentId, out var p))
        {
            throw new ArgumentException($"Scenario '{_market.Name}' has no participant '{agentId}' with assets or orders.", nameof(agentId));
        }

        return LocalAgent.FromParticipant(p, _market.Horizon, Charges?.PreferencesOf(agentId), Premiums?.PremiumsOf(agentId), _options.Tariffs?.GetValueOrDefault(p.Id));
    }

    /// <summary>The agent of <paramref name="agentId"/> as the options' host runs it (in process without a host).</summary>
    internal IAgent Hosted(string agentId) => _options.AgentHost is { } host ? host.Host(agentId, () => Build(agentId)) : Build(agentId);
}
