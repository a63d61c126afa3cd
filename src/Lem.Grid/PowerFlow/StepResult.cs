namespace Lem.Grid.PowerFlow;

/// <summary>The outcome of one time step of a <see cref="PowerFlowTimeSeries"/> run.</summary>
/// <param name="Step">The step label (<see cref="LoadProfile.StepNumber"/>).</param>
/// <param name="Status">How the solve ended; the values below are NaN (and the bus default) unless it converged.</param>
/// <param name="Iterations">Iterations done (sweeps or Newton updates).</param>
/// <param name="VmMinPu">The lowest voltage magnitude in per unit.</param>
/// <param name="VmMinBus">The bus with the lowest voltage (the first in solver order on a tie).</param>
/// <param name="LossesMw">Total series active losses in MW, as <see cref="PowerFlowResult.LossesMw"/>.</param>
/// <param name="SlackPMw">Active power delivered by the slack bus(es) in MW, as <see cref="PowerFlowResult.SlackPMw"/>.</param>
/// <param name="TransformerNoLoadLossesMw">Transformer no-load losses in MW, as <see cref="PowerFlowResult.TransformerNoLoadLossesMw"/>.</param>
/// <param name="ShuntLossesMw">Shunt losses in MW, as <see cref="PowerFlowResult.ShuntLossesMw"/>.</param>
public readonly record struct StepResult(int Step, PowerFlowStatus Status, int Iterations, double VmMinPu, BusId VmMinBus, double LossesMw, double SlackPMw, double TransformerNoLoadLossesMw = 0, double ShuntLossesMw = 0)
{
    /// <summary>All active losses in MW: series + transformer no-load + shunt.</summary>
    public double TotalLossesMw => LossesMw + TransformerNoLoadLossesMw + ShuntLossesMw;
}
