namespace Lem.Markets.Pool;

/// <summary>Settings of <see cref="PoolClearing.Clear"/>.</summary>
public sealed record PoolOptions
{
    /// <summary>The default settings.</summary>
    public static PoolOptions Default { get; } = new();

    /// <summary>The options a clearing runs with: <paramref name="options"/>, or <see cref="Default"/> when null, checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the load power factor is not in (0, 1].</exception>
    internal static PoolOptions Checked(PoolOptions? options)
    {
        options ??= Default;
        if (!(options.LoadPowerFactor > 0 && options.LoadPowerFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LoadPowerFactor, "The load power factor must be in (0, 1].");
        }

        return options;
    }

    /// <summary>
    /// The clearing settings the pool reads: <see cref="ClearingOptions.PriceRule"/> (how the price is chosen in an
    /// indeterminate interval, in the slots the tie rules apply to), <see cref="ClearingOptions.Tariffs"/> (tariff-aware
    /// clearing: each listed participant's per-meter charges are added to the objective, docs/mechanisms/pool.md#tariff-aware-clearing;
    /// the welfare reported stays the market's) and <see cref="ClearingOptions.Progress"/> (where the clearing's phases
    /// are reported: build, LP, MILP, re-solve). Default: <see cref="ClearingOptions.Default"/>.
    /// </summary>
    public ClearingOptions Clearing { get; init; } = ClearingOptions.Default;

    /// <summary>How the volume is split among tied marginal steps (slots the tie rules apply to). Default: pro rata.</summary>
    public VolumeRule VolumeRule { get; init; } = VolumeRule.ProRata;

    /// <summary>
    /// Whether a storage that charges and discharges in the same slot (which the LP may do at negative prices, to burn
    /// energy) gets binaries that forbid it (docs/mechanisms/pool.md#batteries). Default: true.
    /// </summary>
    public bool PreventSimultaneousCharging { get; init; } = true;

    /// <summary>
    /// The power factor of loads (inflexible, curtailable and flexible loads draw Q = P·tan(acos(pf))); in (0, 1].
    /// Generation, storage, EVs and orders are at unity power factor. Default: 0.95.
    /// </summary>
    public double LoadPowerFactor { get; init; } = 0.95;

    /// <summary>The back end to use, or null for <see cref="Solvers.For"/>'s choice.</summary>
    public ISolver? Solver { get; init; }

    /// <summary>The back end settings, or null for the defaults.</summary>
    public SolverOptions? SolverOptions { get; init; }

    /// <summary>Whether an infeasible clearing is diagnosed (static checks, then an elastic re-solve) to name the likely cause. Default: true.</summary>
    public bool DiagnoseInfeasibility { get; init; } = true;

    /// <summary>
    /// Whether an input that nothing couples across slots (orders only, no preferences, tariffs or bid limits) on a
    /// LinDistFlow feeder is cleared slot by slot: each slot's merit-order optimum is screened against the grid rows and
    /// only the slots that bind (or whose price is not unique) go to an LP (docs/mechanisms/pool.md#slot-screening).
    /// The result equals the monolithic LP's; false forces the monolithic LP (the reference in tests).
    /// </summary>
    public bool DecomposeSlots { get; init; } = true;
}
