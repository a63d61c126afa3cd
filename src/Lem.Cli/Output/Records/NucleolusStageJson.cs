namespace Lem.Cli.Output.Records;

/// <summary>One stage of the nucleolus in <c>lem allocate</c>'s JSON.</summary>
/// <param name="TEur">The stage's excess t, EUR.</param>
/// <param name="Coalitions">The coalitions fixed at this stage.</param>
public sealed record NucleolusStageJson(double TEur, IReadOnlyList<IReadOnlyList<string>> Coalitions);
