namespace Lem.Cli.Output.Records;

/// <summary>One bus of <c>lem opf</c>'s JSON.</summary>
/// <param name="Id">The bus id (a number when it is an integer).</param>
/// <param name="LmpPerMwh">The locational marginal price per MWh (<c>lmp</c>).</param>
/// <param name="VmPu">The voltage magnitude, p.u., or null where the formulation has none (left out).</param>
public sealed record OpfBusJson(
    [property: JsonConverter(typeof(NumericIdConverter))] string Id,
    [property: JsonPropertyName("lmp")] double LmpPerMwh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? VmPu);
