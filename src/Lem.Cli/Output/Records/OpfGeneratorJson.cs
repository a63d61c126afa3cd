namespace Lem.Cli.Output.Records;

/// <summary>One generator of <c>lem opf</c>'s JSON.</summary>
/// <param name="Id">The generator id.</param>
/// <param name="Bus">Its bus (a string).</param>
/// <param name="PMw">Active dispatch, MW.</param>
/// <param name="QMvar">Reactive dispatch, Mvar, or null where the formulation has none (left out).</param>
/// <param name="CostPerHour">Its cost per hour.</param>
public sealed record OpfGeneratorJson(string Id, string Bus, double PMw, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? QMvar, double CostPerHour);
