using Lem.Markets.Community;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;
using Lem.Markets.Tariffs;

namespace Lem.Markets.Distributed;

/// <summary>
/// An agent that keeps its cost function, limits, assets and trading preferences private and answers the exchange,
/// community and P2P messages by solving its local problem: in closed form when its cost separates by slot
/// (quadratic agents, loads, PV, curtailable loads, the outside market), else through the optimisation layer.
/// Its only public member besides <see cref="AgentId"/> is <see cref="Respond"/>.
/// </summary>
public sealed class LocalAgent : IAgent
{
    private readonly ILocalCost _cost;
    private readonly IReadOnlyDictionary<string, double> _preferences;
    private readonly IReadOnlyDictionary<string, double> _premiums;
    private readonly double[] _x;
    private readonly double[] _z;
    private double[] _trades = [];
    private double[] _pairConsensus = [];
    private double[] _targets = [];
    private string[] _partners = [];
    private double[] _partnerPreferences = [];
    private double[] _partnerPremiums = [];
    private double[] _lastSupply = [];

    private LocalAgent(string id, ILocalCost cost, IReadOnlyDictionary<string, double>? preferences, IReadOnlyDictionary<string, double>? premiums = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        AgentId = id;
        _cost = cost;
        _preferences = preferences ?? new Dictionary<string, double>();
        if (_preferences.Values.Any(c => !(c >= 0) || !double.IsFinite(c)))
        {
            throw new ArgumentException($"Agent '{id}': trading preferences c_nm must be finite and non-negative.", nameof(preferences));
        }

        _premiums = premiums ?? new Dictionary<string, double>();
        if (_premiums.Values.Any(c => !(c >= 0) || !double.IsFinite(c)))
        {
            throw new ArgumentException($"Agent '{id}': purchase premiums π_nm must be finite and non-negative.", nameof(premiums));
        }

        _x = new double[cost.SlotCount];
        _z = new double[cost.SlotCount];
    }

    /// <inheritdoc/>
    public string AgentId { get; }

    /// <summary>
    /// An agent with cost ½a_t·x² + b_t·x and limits [lower_t, upper_t] in every slot (quantities in MW, prices in
    /// EUR/MWh, one-hour slots, so the cost is in EUR), with optional per-partner preferences c_nm (EUR/MWh)
    /// and purchase premiums π_nm (EUR/MWh, docs/mechanisms/admm.md#preferences).
    /// </summary>
    /// <exception cref="ArgumentException">When the arrays differ in length, a ≥ 0 fails or lower &gt; upper.</exception>
    public static LocalAgent Quadratic(string id, IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyDictionary<string, double>? preferences = null, IReadOnlyDictionary<string, double>? premiums = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        return new LocalAgent(id, SeparableCost.Quadratic([.. a], [.. b], [.. lower], [.. upper], 1.0), preferences, premiums);
    }

    /// <summary>A one-slot <see cref="Quadratic(string, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyDictionary{string, double}?, IReadOnlyDictionary{string, double}?)"/> agent.</summary>
    public static LocalAgent Quadratic(string id, double a, double b, double lower, double upper, IReadOnlyDictionary<string, double>? preferences = null, IReadOnlyDictionary<string, double>? premiums = null) =>
        Quadratic(id, [a], [b], [lower], [upper], preferences, premiums);

    /// <summary>
    /// The agent of a scenario participant over the whole horizon, quantities in kW and prices in EUR/MWh: inflexible
    /// loads, PV/wind with curtailment, curtailable loads (closed form when only those), batteries, EVs, flexible loads
    /// and its own orders (through the optimisation layer, with the pool's asset models); <paramref name="premiums"/> are
    /// its purchase premiums π_nm by partner (docs/mechanisms/admm.md#preferences); with a <paramref name="tariff"/>, its
    /// per-meter charges are part of its private cost (docs/settlement.md#tariff-aware-clearing).
    /// </summary>
    public static LocalAgent FromParticipant(Participant participant, Horizon horizon, IReadOnlyDictionary<string, double>? preferences = null, IReadOnlyDictionary<string, double>? premiums = null, TariffCost? tariff = null)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(horizon);
        if (tariff is { IsZero: true })
        {
            tariff = null;
        }

        var cost = (ILocalCost?)SeparableCost.TryFromParticipant(participant, horizon.Count, horizon.SlotHours, tariff) ?? new OptimizedCost(participant, horizon, tariff);
        return new LocalAgent(participant.Id.ToString(), cost, preferences, premiums);
    }

    /// <summary>The outside market as an agent (kW, EUR/MWh): it injects imports at the import price and absorbs exports at the export price, within its limits.</summary>
    public static LocalAgent OutsideMarket(string id, OutsideMarket market, Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(horizon);
        return new LocalAgent(id, SeparableCost.Outside(market, horizon.Count, horizon.SlotHours), null);
    }

    /// <inheritdoc/>
    public AgentMessage Respond(CoordinatorMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case ExchangeSignal s:
                SharingStep(s.MeanInjection, s.Relaxation, s.Rho, t => -s.ScaledDual[t]);
                return new ExchangeProposal(AgentId, [.. _x]);
            case CommunitySignal s:
                SharingStep(s.MeanPosition, s.Relaxation, s.Rho, t => s.PriceEurPerMwh[t] / s.Rho);
                return new CommunityProposal(AgentId, [.. _x]);

            case P2pSignal s:
                return TradeStep(s);
            case CostRequest:
                return new CostReport(AgentId, _cost.LastCostEur());
            default:
                throw new ArgumentException($"Agent '{AgentId}' does not understand {message.GetType().Name}.", nameof(message));
        }
    }

    /// <summary>
    /// Each asset's schedule at the agent's last local solution, for its own participant (the plan its energy management
    /// system executes; docs/mechanisms/admm.md#asset-schedules), or null when its closed-form cost keeps no assets apart.
    /// It is not a message: nothing of it reaches a coordinator or a partner.
    /// </summary>
    internal IReadOnlyList<AssetDispatch>? OwnSchedules() => _cost.LastAssets();

    /// <summary>
    /// π_nm per partner and slot (partner-major): the premium where the agent is a pure buyer (its closed-form cost
    /// bounds its injection at ≤ 0, so every trade is a purchase and no round trip can earn the premium), else 0
    /// (docs/mechanisms/admm.md#preferences).
    /// </summary>
    private double[] PremiumsBySlot(int slots)
    {
        var premiums = new double[_partners.Length * slots];
        if (_premiums.Count == 0 || _cost is not SeparableCost closedForm)
        {
            return premiums;
        }

        for (var k = 0; k < _partners.Length; k++)
        {
            var premium = _premiums.TryGetValue(_partners[k], out var c) ? c : 0.0;
            for (var t = 0; t < slots; t++)
            {
                premiums[(k * slots) + t] = closedForm.Upper(t) <= 0 ? premium : 0.0;
            }
        }

        return premiums;
    }

    /// <summary>
    /// The exchange and community step: the consensus point z ← α(x − x̄) + (1 − α)z (z = x − x̄ without over-relaxation,
    /// docs/mechanisms/admm.md#acceleration), then x = prox(z + λ/ρ) with λ/ρ = −u the scaled price.
    /// </summary>
    private void SharingStep(IReadOnlyList<double> mean, double alpha, double rho, Func<int, double> scaledPrice)
    {
        var v = new double[_x.Length];
        for (var t = 0; t < v.Length; t++)
        {
            _z[t] = (alpha * (_x[t] - mean[t])) + ((1 - alpha) * _z[t]);
            v[t] = _z[t] + scaledPrice(t);
        }

        _cost.Prox(v, rho, _x);
    }

    private P2pProposal TradeStep(P2pSignal s)
    {
        var n = _x.Length;
        var k = s.PartnerIds.Count;
        if (!_partners.SequenceEqual(s.PartnerIds))
        {
            _partners = [.. s.PartnerIds];
            _partnerPreferences = [.. _partners.Select(m => _preferences.TryGetValue(m, out var c) ? c : 0.0)];
            _partnerPremiums = PremiumsBySlot(n);
            _trades = new double[k * n];
            _pairConsensus = new double[k * n];
        }

        if (s.PartnerTrades.Count != k * n || s.PairPricesEurPerMwh.Count != k * n)
        {
            throw new ArgumentException($"Agent '{AgentId}': a P2P signal for {k} partners and {n} slots needs {k * n} trades and prices.", nameof(s));
        }

        var targets = _targets.Length == k * n ? _targets : _targets = new double[k * n];
        for (var i = 0; i < targets.Length; i++)
        {
            // A purchase premium adds π_nm·p_nm to the cost (docs/mechanisms/admm.md#preferences): it shifts the prox target by −π_nm/ρ.
            // The pair's consensus point z ← α·½(p_nm − p_mn) + (1 − α)z, ½(p_nm − p_mn) without over-relaxation.
            _pairConsensus[i] = (s.Relaxation * (0.5 * (_trades[i] - s.PartnerTrades[i]))) + ((1 - s.Relaxation) * _pairConsensus[i]);
            targets[i] = _pairConsensus[i] + ((s.PairPricesEurPerMwh[i] - _partnerPremiums[i]) / s.Rho);
        }

        _cost.TradeStep(k, targets, _partnerPreferences, s.Rho, _trades, _x, s.Bus is { } bus ? BusTerm(bus, k, s.Rho) : null);
        return new P2pProposal(AgentId, [.. _trades]);
    }

    /// <summary>
    /// The grid's term of a P2P step (docs/mechanisms/admm.md#p2p-with-the-grid-agent): the bus exchange's proximal target
    /// v = y − x̄_b + π_b/ρ on the agent's net injection y at its bus (its last trades plus its supply).
    /// </summary>
    private NetInjectionTerm BusTerm(BusSignal bus, int partners, double rho)
    {
        var n = _x.Length;
        if (bus.MeanKw.Count != n || bus.PriceEurPerMwh.Count != n || (bus.SupplyKw is { } supply && supply.Count != n))
        {
            throw new ArgumentException($"Agent '{AgentId}': a bus signal needs {n} values per slot series.", nameof(bus));
        }

        var target = new double[n];
        for (var t = 0; t < n; t++)
        {
            var y = _lastSupply.Length == n ? _lastSupply[t] : 0.0;
            for (var m = 0; m < partners; m++)
            {
                y += _trades[(m * n) + t];
            }

            target[t] = y - bus.MeanKw[t] + (bus.PriceEurPerMwh[t] / rho);
        }

        _lastSupply = bus.SupplyKw is { } s ? [.. s] : new double[n];
        return new NetInjectionTerm(rho, target, _lastSupply);
    }
}
