using Lem.Settlement.Billing;

namespace Lem.Cli.Commands;

/// <summary>What the settlement step of <c>lem run</c> did.</summary>
/// <param name="ExitCode">The exit code when the step failed (its problems were printed), else null.</param>
/// <param name="Summary">The run summary, with the <c>kpis</c> and <c>settlement</c> blocks when settled.</param>
/// <param name="Result">The settlement, or null when not settled.</param>
/// <param name="OutDir">The folder the files were written to, or null.</param>
/// <param name="Note">A remark for the text output (why nothing was settled), or null.</param>
internal sealed record SettleOutcome(int? ExitCode, string Summary, SettlementResult? Result, string? OutDir, string? Note)
{
    /// <summary>Prints the settlement's key figures (text format).</summary>
    public void WriteText(CliContext context) => SettleRequest.WriteText(context, this);
}
