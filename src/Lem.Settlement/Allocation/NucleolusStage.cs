namespace Lem.Settlement.Allocation;

/// <summary>One stage of the nucleolus LP sequence: the excess level t* reached and the coalitions fixed at it.</summary>
/// <param name="ExcessEur">The stage's optimal t* = C(S) − x(S) of the coalitions it fixes, EUR.</param>
/// <param name="Coalitions">The coalitions fixed at this stage, each as its member ids, by size then by player order.</param>
public sealed record NucleolusStage(double ExcessEur, IReadOnlyList<IReadOnlyList<string>> Coalitions);
