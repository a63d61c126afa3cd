namespace Lem.Markets.Exchange;

/// <summary>
/// Exchange (sharing) ADMM with a supervisory node (docs/mechanisms/admm.md#exchange-admm-with-a-supervisor; Boyd et al. §7.3.2), multi-period: the supervisor
/// broadcasts x̄ and u per slot (<see cref="ExchangeSignal"/>), each agent answers with its injection vector
/// (<see cref="ExchangeProposal"/>), the supervisor updates u ← u + x̄. Price λ = −ρu per slot; residuals and stopping
/// by Boyd §3.3; residual balancing with u rescaled; iteration cap; divergence detection.
/// </summary>
public static class ExchangeAdmm
{
    /// <summary>Runs the exchange on the agents over <paramref name="slots"/> slots, starting from x = 0, u = 0.</summary>
    /// <exception cref="ArgumentException">When there are no agents, or the options are out of range.</exception>
    public static ExchangeResult Run(IReadOnlyList<IAgent> agents, int slots, AdmmOptions? options = null) => Run(agents, slots, options, null, null);

    /// <summary>
    /// Runs the exchange with the supervisor trading with the outside market itself (docs/mechanisms/admm.md#the-coordinators-own-term):
    /// its trade is the sharing form's z-step over the agents' mean, so it absorbs the whole imbalance each iteration and
    /// the iterations do not grow with the number of agents. The trade is reported last, under <paramref name="outsideId"/>.
    /// </summary>
    internal static ExchangeResult Run(IReadOnlyList<IAgent> agents, int slots, AdmmOptions? options, SeparableCost? outside, string? outsideId)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var outcome = SharingCore.Run(
            agents,
            slots,
            options ?? AdmmOptions.Default,
            (k, rho, mean, u, alpha) => new ExchangeSignal(k, rho, mean, u) { Relaxation = alpha },
            Injection,
            own: outside);
        return new ExchangeResult
        {
            Diagnostics = outcome.Diagnostics,
            PricesEurPerMwh = outcome.PricesEurPerMwh,
            AgentIds = outside is null ? [.. agents.Select(a => a.AgentId)] : [.. agents.Select(a => a.AgentId), outsideId ?? "outside-market"],
            Injections = outcome.Positions,
            TotalCostEur = outcome.TotalCostEur,
        };
    }

    /// <summary>The injection of an exchange proposal.</summary>
    /// <exception cref="InvalidOperationException">When the message is not an exchange proposal.</exception>
    internal static IReadOnlyList<double> Injection(AgentMessage message) =>
        message is ExchangeProposal p ? p.Injection : throw new InvalidOperationException($"Agent '{message.SenderId}' did not answer with an exchange proposal.");
}
