namespace Lem.Markets.Assets;

/// <summary>Why a heat pump on its own has no feasible schedule.</summary>
/// <param name="Kind">Which requirement fails.</param>
/// <param name="Slot">The first slot where it fails.</param>
/// <param name="Reason">A sentence fragment naming the comfort band, the demand and the power limit involved.</param>
internal sealed record HeatPumpProblem(HeatPumpProblemKind Kind, int Slot, string Reason);
