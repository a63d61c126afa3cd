namespace Lem.Cli.Output.Records;

/// <summary>One branch of <c>lem pf</c>'s JSON: the fields of a <see cref="BranchResult"/>, the kind as text and the ids as numbers where they are integers.</summary>
/// <param name="Id">The branch id (a number when it is an integer).</param>
/// <param name="Kind">line or transformer.</param>
/// <param name="From">The from bus (a number when it is an integer).</param>
/// <param name="To">The to bus (a number when it is an integer).</param>
/// <param name="PFromMw">Active flow at the from end, MW.</param>
/// <param name="QFromMvar">Reactive flow at the from end, Mvar.</param>
/// <param name="PToMw">Active flow at the to end, MW.</param>
/// <param name="QToMvar">Reactive flow at the to end, Mvar.</param>
/// <param name="LossMw">Series active loss, MW.</param>
/// <param name="LossMvar">Series reactive loss, Mvar.</param>
/// <param name="LoadingPercent">Loading, % of the rating.</param>
/// <param name="ShuntLossMw">Active loss in the branch's shunt conductance (a transformer's no-load loss), MW.</param>
public sealed record PowerFlowBranchJson(
    [property: JsonConverter(typeof(NumericIdConverter))] string Id,
    string Kind,
    [property: JsonConverter(typeof(NumericIdConverter))] string From,
    [property: JsonConverter(typeof(NumericIdConverter))] string To,
    double PFromMw, double QFromMvar,
    double PToMw, double QToMvar,
    double LossMw, double LossMvar,
    double LoadingPercent,
    double ShuntLossMw)
{
    /// <summary>The JSON view of a branch's power-flow result.</summary>
    public static PowerFlowBranchJson Of(BranchResult b) => new(
        b.Id,
        b.Kind == BranchKind.Transformer ? "transformer" : "line",
        b.From.Value,
        b.To.Value,
        b.PFromMw, b.QFromMvar,
        b.PToMw, b.QToMvar,
        b.LossMw, b.LossMvar,
        b.LoadingPercent,
        b.ShuntLossMw);
}
