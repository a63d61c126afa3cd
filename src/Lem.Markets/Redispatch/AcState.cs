namespace Lem.Markets.Redispatch;

/// <summary>The AC power flow of one slot as the redispatch reads it (docs/mechanisms/redispatch.md#limits-and-signs).</summary>
/// <param name="Converged">Whether the power flow converged.</param>
/// <param name="SignedLoadingPercent">Per branch the loading in percent of its rating, with the sign of the active flow at the from end (0 without a rating).</param>
/// <param name="VmPu">Per solver bus the voltage magnitude, p.u.</param>
internal sealed record AcState(bool Converged, double[] SignedLoadingPercent, double[] VmPu);
