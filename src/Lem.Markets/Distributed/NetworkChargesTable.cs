using Lem.Grid.Distance;

namespace Lem.Markets.Distributed;

/// <summary>
/// The network charges of every pair of P2P agents of a scenario (built by <see cref="NetworkCharges.Build"/>): the
/// per-partner preferences handed to the agents, and the settlement of the cleared trades under the policy's split.
/// </summary>
public sealed class NetworkChargesTable
{
    private readonly Dictionary<(string, string), NetworkChargesPair> _pairs = [];
    private readonly Dictionary<string, Dictionary<string, double>> _preferences = new(StringComparer.Ordinal);

    internal NetworkChargesTable(BusPairCharges charges, string outsideMarketId, IReadOnlyList<(string Id, BusId? Bus)> agents)
    {
        Charges = charges;
        OutsideMarketId = outsideMarketId;
        var pairs = new List<NetworkChargesPair>();
        foreach (var (id, _) in agents)
        {
            _preferences[id] = new Dictionary<string, double>(StringComparer.Ordinal);
        }

        for (var i = 0; i < agents.Count; i++)
        {
            for (var j = i + 1; j < agents.Count; j++)
            {
                var (a, busA) = agents[i];
                var (b, busB) = agents[j];
                var c = charges.ChargeEurPerMwh(busA, busB);
                var (prefA, prefB) = a == outsideMarketId ? (0.0, c) : b == outsideMarketId ? (c, 0.0) : (c / 2, c / 2);
                var pair = new NetworkChargesPair(a, b, busA, busB, charges.DistanceBetween(busA, busB), c, prefA, prefB);
                pairs.Add(pair);
                _pairs[(a, b)] = pair;
                _pairs[(b, a)] = pair;
                _preferences[a][b] = prefA;
                _preferences[b][a] = prefB;
            }
        }

        Pairs = pairs;
    }

    /// <summary>The policy the charges follow.</summary>
    public NetworkChargePolicy Policy => Charges.Policy;

    /// <summary>The charges per pair of buses (with the distances and the normalisation for a distance basis).</summary>
    public BusPairCharges Charges { get; }

    /// <summary>The id of the outside market's agent.</summary>
    public string OutsideMarketId { get; }

    /// <summary>Every unordered pair of agents, in agent order.</summary>
    public IReadOnlyList<NetworkChargesPair> Pairs { get; }

    /// <summary>The charge c_nm between two agents, EUR/MWh.</summary>
    /// <exception cref="ArgumentException">When the pair is not in the table.</exception>
    public double ChargeEurPerMwh(string agentA, string agentB) => Pair(agentA, agentB).ChargeEurPerMwh;

    /// <summary>The pair of two agents.</summary>
    /// <exception cref="ArgumentException">When the pair is not in the table.</exception>
    public NetworkChargesPair Pair(string agentA, string agentB) =>
        _pairs.TryGetValue((agentA, agentB), out var pair)
            ? pair
            : throw new ArgumentException($"There is no network charge between '{agentA}' and '{agentB}': one of them is not a P2P agent of the scenario.", nameof(agentA));

    /// <summary>
    /// The per-partner preferences c_nm (EUR/MWh) agent <paramref name="agentId"/> is given: half the charge towards
    /// another participant, all of it towards the outside market, nothing for the outside market's own agent.
    /// </summary>
    /// <exception cref="ArgumentException">When the agent is not in the table.</exception>
    public IReadOnlyDictionary<string, double> PreferencesOf(string agentId) =>
        _preferences.TryGetValue(agentId, out var preferences)
            ? preferences
            : throw new ArgumentException($"'{agentId}' is not a P2P agent of the scenario.", nameof(agentId));

    /// <summary>
    /// The network charge on a cleared trade under the policy's split (docs/network-charges.md), with the energy price
    /// re-quoted for that split: with the charge handed to the agents as preferences (seller part s, buyer part c − s)
    /// the pair price λ satisfies seller marginal cost = λ − s and buyer marginal utility = λ + c − s; a split that
    /// gives the seller s' quotes λ − s + s'. On trades with the outside market the participant pays all of the charge.
    /// </summary>
    /// <exception cref="ArgumentException">When the trade's partners are not in the table.</exception>
    public NetworkChargesTradeSettlement Settle(DistributedTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        var pair = Pair(trade.BuyerId, trade.SellerId);
        var c = pair.ChargeEurPerMwh;
        var sellerPreference = pair.AgentA == trade.SellerId ? pair.PreferenceAEurPerMwh : pair.PreferenceBEurPerMwh;
        double sellerShare;
        if (trade.BuyerId == OutsideMarketId || trade.SellerId == OutsideMarketId)
        {
            sellerShare = trade.SellerId == OutsideMarketId ? 0.0 : c;
        }
        else
        {
            sellerShare = Policy.Split == NetworkChargeSplit.Half ? c / 2 : 0.0;
        }

        return new NetworkChargesTradeSettlement(trade, c, c - sellerShare, sellerShare, trade.PriceEurPerMwh - sellerPreference + sellerShare);
    }

    /// <summary>The network charges on the trades, EUR (Σ c_nm × energy).</summary>
    public decimal TotalEur(IEnumerable<DistributedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        return trades.Sum(t => Settle(t).ChargeEur);
    }
}
