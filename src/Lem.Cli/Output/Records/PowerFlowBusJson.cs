namespace Lem.Cli.Output.Records;

/// <summary>One bus of <c>lem pf</c>'s JSON.</summary>
/// <param name="Id">The bus id (a number when it is an integer).</param>
/// <param name="VmPu">The voltage magnitude, p.u.</param>
/// <param name="VaDegree">The voltage angle, degrees.</param>
/// <param name="PMw">The active injection, MW.</param>
/// <param name="QMvar">The reactive injection, Mvar.</param>
public sealed record PowerFlowBusJson([property: JsonConverter(typeof(NumericIdConverter))] string Id, double VmPu, double VaDegree, double PMw, double QMvar);
