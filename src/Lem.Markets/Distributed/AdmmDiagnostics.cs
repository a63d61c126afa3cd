using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Lem.Markets.Distributed;

/// <summary>How an ADMM run went: status, iterations, final residuals, communication cost and the residual history.</summary>
public sealed record AdmmDiagnostics
{
    /// <summary>How the run ended.</summary>
    public required ConvergenceStatus Status { get; init; }

    /// <summary>Iterations performed.</summary>
    public required int Iterations { get; init; }

    /// <summary>The last primal residual.</summary>
    public required double PrimalResidual { get; init; }

    /// <summary>The last dual residual.</summary>
    public required double DualResidual { get; init; }

    /// <summary>The last penalty ρ.</summary>
    public required double Rho { get; init; }

    /// <summary>Messages exchanged (each coordinator-to-agent, agent-to-coordinator and agent-to-agent message counts once).</summary>
    public required long Messages { get; init; }

    /// <summary>Bytes exchanged in the fixed encoding of <see cref="MessageEncoding"/>.</summary>
    public required long Bytes { get; init; }

    /// <summary>Wall time of the run, seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The residuals and ρ of every iteration.</summary>
    public required IReadOnlyList<ResidualRecord> ResidualHistory { get; init; }

    /// <summary>The diagnostics at the end of a run: its status and last iterate, the messages counted and the wall time so far.</summary>
    internal static AdmmDiagnostics Of(ConvergenceStatus status, int iterations, double primalResidual, double dualResidual, double rho, MessageCounter counter, Stopwatch clock, IReadOnlyList<ResidualRecord> history) => new()
    {
        Status = status,
        Iterations = iterations,
        PrimalResidual = primalResidual,
        DualResidual = dualResidual,
        Rho = rho,
        Messages = counter.Messages,
        Bytes = counter.Bytes,
        WallSeconds = clock.Elapsed.TotalSeconds,
        ResidualHistory = history,
    };

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
