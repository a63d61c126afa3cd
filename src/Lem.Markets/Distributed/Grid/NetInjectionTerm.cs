namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The grid's term in a P2P agent's local step (docs/mechanisms/admm.md#p2p-with-the-grid-agent): with the net injection
/// at the bus y_t = Σ_m p_m,t + s_t (s the supply the agent delivers to the grid agent besides its trades, non-zero only
/// for the outside market), the step minimises f(y) + Σ_m [c_m|p_m| + ρ/2(p_m − target_m)²] + w/2 Σ_t (y_t − v_t)².
/// </summary>
/// <param name="Weight">w, the bus coupling's penalty.</param>
/// <param name="TargetKw">v_t per slot.</param>
/// <param name="SupplyKw">s_t per slot.</param>
internal sealed record NetInjectionTerm(double Weight, double[] TargetKw, double[] SupplyKw);
