using Lem.Domain.Progress;

namespace Lem.Markets.Distributed;

/// <summary>The stopping and divergence test shared by the ADMM engines (Boyd et al. §3.3), applied once per iteration.</summary>
internal static class AdmmStopRule
{
    /// <summary>
    /// Records the iteration's residuals and returns the final status when the run should stop (diverging, or both
    /// residuals within their tolerances, and <paramref name="valued"/>: with the grid agent, the value of the energy the
    /// positions and the grid still disagree on within <see cref="AdmmOptions.ValueTolerance"/>), or null to continue;
    /// reports the iteration to <see cref="AdmmOptions.Progress"/>.
    /// </summary>
    public static ConvergenceStatus? Evaluate(int iteration, double r, double s, double rho, double epsPri, double epsDual, ref double firstR, AdmmOptions options, List<ResidualRecord> history, bool valued = true)
    {
        history.Add(new ResidualRecord(iteration, r, s, rho, epsPri, epsDual));
        options.Progress?.Report(new ProgressUpdate(ProgressPhases.Admm, iteration, options.MaxIterations, new Dictionary<string, double>(3, StringComparer.Ordinal)
        {
            [ProgressPhases.PrimalResidual] = r,
            [ProgressPhases.DualResidual] = s,
            [ProgressPhases.Rho] = rho,
        }));
        if (iteration == 1)
        {
            firstR = r;
        }

        if (!double.IsFinite(r) || !double.IsFinite(s) || r > options.DivergenceFactor * Math.Max(firstR, options.AbsoluteTolerance))
        {
            return ConvergenceStatus.Diverging;
        }

        return r <= epsPri && s <= epsDual && valued ? ConvergenceStatus.Converged : null;
    }
}
