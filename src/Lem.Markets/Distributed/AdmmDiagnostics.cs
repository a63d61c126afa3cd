using System.Text;

namespace Lem.Markets.Distributed;

/// <summary>How an ADMM run went: status, iterations, final residuals, communication cost and the residual history.</summary>
/// <param name="Status">How the run ended.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="PrimalResidual">The last primal residual.</param>
/// <param name="DualResidual">The last dual residual.</param>
/// <param name="Rho">The last penalty ρ.</param>
/// <param name="Messages">Messages exchanged (each coordinator-to-agent, agent-to-coordinator and agent-to-agent message counts once).</param>
/// <param name="Bytes">Bytes exchanged in the fixed encoding of <see cref="MessageEncoding"/>.</param>
/// <param name="WallSeconds">Wall time of the run, seconds.</param>
/// <param name="ResidualHistory">The residuals and ρ of every iteration.</param>
public sealed record AdmmDiagnostics(
    ConvergenceStatus Status,
    int Iterations,
    double PrimalResidual,
    double DualResidual,
    double Rho,
    long Messages,
    long Bytes,
    double WallSeconds,
    IReadOnlyList<ResidualRecord> ResidualHistory)
{
    /// <summary>The diagnostics at the end of a run: its last iterate, the messages counted and the wall time so far.</summary>
    internal AdmmDiagnostics(ConvergenceStatus status, int iterations, double primalResidual, double dualResidual, double rho, MessageCounter counter, Stopwatch clock, IReadOnlyList<ResidualRecord> history)
        : this(status, iterations, primalResidual, dualResidual, rho, counter.Messages, counter.Bytes, clock.Elapsed.TotalSeconds, history)
    {
    }

    /// <summary>The residual history as CSV: <c>iteration,primal_residual,dual_residual,rho,primal_tolerance,dual_tolerance</c>.</summary>
    public string ResidualHistoryCsv()
    {
        var sb = new StringBuilder("iteration,primal_residual,dual_residual,rho,primal_tolerance,dual_tolerance\n");
        foreach (var r in ResidualHistory)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Iteration},{r.Primal:R},{r.Dual:R},{r.Rho:R},{r.PrimalTolerance:R},{r.DualTolerance:R}\n");
        }

        return sb.ToString();
    }
}
