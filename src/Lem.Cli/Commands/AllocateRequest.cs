namespace Lem.Cli.Commands;

/// <summary>The options of one <c>lem allocate</c> invocation.</summary>
/// <param name="Path">The scenario file.</param>
/// <param name="Method">shapley, shapley-mc, nash or nucleolus.</param>
/// <param name="Samples">Monte Carlo permutations, or null for the default.</param>
/// <param name="Seed">The Monte Carlo seed.</param>
/// <param name="TargetCi">The adaptive Monte Carlo target (fraction of the mean absolute allocation), or null.</param>
/// <param name="Core">Whether Nash bargaining imposes the core constraints.</param>
/// <param name="Game">auto, pool or closed-form.</param>
/// <param name="Format">text or json.</param>
internal sealed record AllocateRequest(string Path, string Method, int? Samples, ulong Seed, double? TargetCi, bool Core, string Game, string Format);
