namespace Lem.Markets.Clearing;

/// <summary>What the AC check of a clearing needs beyond the participants' net injections.</summary>
/// <param name="ConsumptionKw">Per participant and slot the consumption that draws reactive power at <paramref name="LoadPowerFactor"/>, kW.</param>
/// <param name="PredictedVoltagesPu">Per slot the voltages the clearing's grid formulation predicted (bus order of the network index), or null.</param>
/// <param name="LoadPowerFactor">The power factor (lagging) of that consumption.</param>
public sealed record GridCheckInput(
    IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> ConsumptionKw,
    IReadOnlyList<IReadOnlyList<double>?>? PredictedVoltagesPu,
    double LoadPowerFactor)
{
    /// <summary>
    /// Per slot the per-phase voltages [bus][phase] a phase-aware formulation (lindist3flow) predicted, or null; when
    /// given, the AC check is three-phase (<see cref="Lem.Markets.Pool.ThreePhaseAcCheck"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>?>? PredictedPhaseVoltagesPu { get; init; }
}
