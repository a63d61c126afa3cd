namespace Lem.Markets.Flexibility.Clearing;

/// <summary>The AC power flow of one slot: voltages per bus and loading per branch.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Converged">Whether the power flow converged.</param>
/// <param name="VoltagesPu">The voltage magnitude of each solver bus (p.u.).</param>
/// <param name="LoadingPercent">The loading of each branch (%; 0 without a rating).</param>
/// <param name="Violations">The violated limits.</param>
public sealed record FlexAcSlot(int Slot, bool Converged, IReadOnlyList<double> VoltagesPu, IReadOnlyList<double> LoadingPercent, IReadOnlyList<FlexViolation> Violations);
