namespace Lem.Markets.Distributed;

/// <summary>
/// An agent's private local problem over all slots: its cost f(x) of a net injection x per slot, with its limits and
/// assets. Costs are in price units × quantity units (EUR/MWh × kW for scenario agents); <see cref="LastCostEur"/>
/// converts.
/// </summary>
internal interface ILocalCost
{
    int SlotCount { get; }

    /// <summary>x = argmin f(x) + ρ/2‖x − v‖² (exchange and community local step).</summary>
    void Prox(ReadOnlySpan<double> v, double rho, Span<double> x);

    /// <summary>
    /// P2P local step (§6.1): argmin f(P) + Σ_m [c_m|p_m| + ρ/2(p_m − target_m)²] with P = Σ_m p_m per slot;
    /// arrays partner-major [m·T + t]. Writes the trades and the resulting net injection. With the grid agent,
    /// <paramref name="net"/> adds its bus term and the net injection is Σ_m p_m plus its supply (<see cref="NetInjectionTerm"/>).
    /// </summary>
    void TradeStep(int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, Span<double> trades, Span<double> injection, NetInjectionTerm? net = null);

    /// <summary>The cost (EUR, cost − utility, with preference costs of the last trades) at the last local solution.</summary>
    double LastCostEur();

    /// <summary>
    /// Each asset's schedule at the last local solution (the local model's own asset models read back, as the pool
    /// reports them), or null when the cost is a closed form that does not keep its assets apart (docs/mechanisms/admm.md#asset-schedules).
    /// </summary>
    IReadOnlyList<AssetDispatch>? LastAssets() => null;
}
