using Lem.Grid.Distance;

namespace Lem.Markets.Distributed;

/// <summary>
/// Exogenous network charges on P2P trades (docs/network-charges.md): turns a <see cref="NetworkChargePolicy"/> into
/// the charge c_nm of every pair of P2P agents of a scenario and into each agent's per-partner preferences.
/// </summary>
/// <remarks>
/// <para>Every participant trades at its bus; the outside market's agent at the outside market's connection bus, else at
/// the grid's first slack bus.</para>
/// <para>How a charge reaches the agents: a preference c_nm applies to |p_nm| whichever way the energy flows, and only
/// the sum c_nm + c_mn enters the optimality conditions (seller: marginal cost + c_seller = λ_nm; buyer: marginal utility
/// = λ_nm + c_buyer). So the traded quantities and each side's net price do not depend on how the charge is split; only
/// the quoted pair price λ does. Between two participants the charge is therefore given to both as c/2 (the buyer of a
/// trade is not known before clearing: a consumer may resell, a prosumer trades both ways), and on a trade with the
/// outside market the participant carries all of it (the wholesale side pays no local network charge). The policy's
/// split — half each, or all to the buyer — is applied to the settled trades by <see cref="NetworkChargesTable.Settle"/>,
/// which also re-quotes the energy price so that both sides end up exactly where the market cleared them.</para>
/// </remarks>
public static class NetworkCharges
{
    /// <summary>
    /// Says why <paramref name="policy"/> cannot be applied to the P2P market of <paramref name="scenario"/> (see
    /// <see cref="NetworkChargePolicy.WhyNotApplicable"/>; in addition, a distance or zonal charge needs the bus of every
    /// trading participant), or null when it can.
    /// </summary>
    public static string? WhyNotApplicable(MarketInput scenario, NetworkChargePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var why = policy.WhyNotApplicable(scenario.Grid);
        if (why is not null || policy.Basis is UniformChargeBasis)
        {
            return why;
        }

        var unplaced = Traders(scenario).FirstOrDefault(p => p.Bus is null);
        return unplaced is null
            ? null
            : $"Participant '{unplaced.Id}' has no bus; distance-based and zonal network charges need the bus of every trading participant.";
    }

    /// <summary>Prepares the charges of every pair of P2P agents (the trading participants and the outside market's agent <paramref name="outsideMarketId"/>).</summary>
    /// <exception cref="ArgumentException">When the policy cannot be applied (<see cref="WhyNotApplicable"/> says why).</exception>
    /// <exception cref="DllNotFoundException">When a resistance or PTDF distance is needed and the KLU sparse solver is not installed.</exception>
    public static NetworkChargesTable Build(MarketInput scenario, NetworkChargePolicy policy, string outsideMarketId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outsideMarketId);
        var why = WhyNotApplicable(scenario, policy);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(policy));
        }

        var charges = policy.Prepare(scenario.Grid);
        var outsideBus = scenario.OutsideMarket.ConnectionBus ?? (scenario.Grid is { } grid && grid.SlackBusIds.Count > 0 ? grid.SlackBusIds[0] : null);
        var agents = Traders(scenario).Select(p => (p.Id.ToString(), p.Bus)).Append((outsideMarketId, outsideBus)).ToList();
        return new NetworkChargesTable(charges, outsideMarketId, agents);
    }

    /// <summary>The participants that become P2P agents: those with assets or orders, as <see cref="DistributedClearing"/> picks them.</summary>
    private static IEnumerable<Participant> Traders(MarketInput scenario) => scenario.Participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0);
}
