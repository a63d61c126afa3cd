namespace Lem.Settlement.TariffDesign;

/// <summary>The outcome of <see cref="TariffMpec.Solve"/>.</summary>
/// <param name="Solved">Whether the MILP was solved to optimality.</param>
/// <param name="Level">The level it found (NaN when not solved).</param>
/// <param name="BigM">The big-M used.</param>
/// <param name="BigMActive">Whether some multiplier or slack reached the big-M bound (the bound may cut off the true optimum).</param>
/// <param name="Binaries">The number of complementarity binaries.</param>
/// <param name="Message">The solver's status when not solved, or null.</param>
public sealed record TariffMpecResult(bool Solved, double Level, double BigM, bool BigMActive, int Binaries, string? Message)
{
    /// <summary>
    /// Checks the MPEC against the grid search's level (docs/games.md#mpec): null when they agree within
    /// <paramref name="relativeTolerance"/> and no big-M bound is active, else the problem in one sentence.
    /// </summary>
    public string? Validate(double gridLevel, double relativeTolerance = 1e-4)
    {
        if (!Solved)
        {
            return $"The MPEC with big-M {BigM} was not solved ({Message}): the big-M is too small or the instance infeasible.";
        }

        if (Math.Abs(Level - gridLevel) > relativeTolerance * Math.Max(1e-9, Math.Abs(gridLevel)))
        {
            return $"The MPEC level {Level:G6} differs from the grid search's {gridLevel:G6}: big-M {BigM} cuts off the followers' optimum.";
        }

        return BigMActive ? $"A multiplier or slack reached big-M {BigM}: the bound may cut off the optimum; raise it." : null;
    }
}
