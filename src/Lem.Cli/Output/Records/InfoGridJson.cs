namespace Lem.Cli.Output.Records;

/// <summary>The <c>grid</c> of <c>lem info</c>'s JSON.</summary>
/// <param name="Name">The network's name.</param>
/// <param name="Buses">Buses.</param>
/// <param name="Lines">Lines.</param>
/// <param name="Transformers">Transformers.</param>
/// <param name="Loads">Loads.</param>
public sealed record InfoGridJson(string Name, int Buses, int Lines, int Transformers, int Loads);
