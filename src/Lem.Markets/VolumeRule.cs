namespace Lem.Markets;

/// <summary>How the marginal volume is shared among steps tied at the marginal price (docs/mechanisms/pool.md#the-merit-order-re-clear).</summary>
public enum VolumeRule
{
    /// <summary>Traded volume is maximised first, then the marginal volume is split pro rata to the tied steps' quantities.</summary>
    ProRata,

    /// <summary>The split the LP solver's vertex happens to give (not deterministic across solvers).</summary>
    SolverVertex,
}
