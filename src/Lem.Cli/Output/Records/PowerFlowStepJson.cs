namespace Lem.Cli.Output.Records;

/// <summary>One step of <c>lem pf --loads</c>'s JSON.</summary>
/// <param name="Step">The step.</param>
/// <param name="Converged">Whether it converged.</param>
/// <param name="Status">converged, iteration_limit, diverged, singular or not_applicable.</param>
/// <param name="Iterations">Iterations done.</param>
/// <param name="VmMinPu">The lowest voltage, p.u.</param>
/// <param name="VmMinBus">Its bus.</param>
/// <param name="LossesMw">Series losses, MW.</param>
/// <param name="TransformerNoLoadLossesMw">Transformer no-load (iron) losses, MW.</param>
/// <param name="ShuntLossesMw">Bus shunt and line shunt-conductance losses, MW.</param>
/// <param name="TotalLossesMw">All active losses, MW.</param>
public sealed record PowerFlowStepJson(
    int Step,
    bool Converged,
    string Status,
    int Iterations,
    double VmMinPu,
    [property: JsonConverter(typeof(NumericIdConverter))] string VmMinBus,
    double LossesMw,
    double TransformerNoLoadLossesMw,
    double ShuntLossesMw,
    double TotalLossesMw);
