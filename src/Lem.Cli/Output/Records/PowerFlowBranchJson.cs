using Lem.Grid.Indexing;
using Lem.Grid.PowerFlow;

namespace Lem.Cli.Output.Records;

/// <summary>One branch of <c>lem pf</c>'s JSON: the fields of a <see cref="BranchResult"/>, the kind as text and the ids as numbers where they are integers.</summary>
/// <param name="branch">The branch's power-flow result.</param>
public sealed class PowerFlowBranchJson(BranchResult branch)
{
    /// <summary>The branch id (a number when it is an integer).</summary>
    [JsonConverter(typeof(NumericIdConverter))]
    public string Id => branch.Id;

    /// <summary>line or transformer.</summary>
    public string Kind => branch.Kind == BranchKind.Transformer ? "transformer" : "line";

    /// <summary>The from bus.</summary>
    [JsonConverter(typeof(NumericIdConverter))]
    public string From => branch.From.Value;

    /// <summary>The to bus.</summary>
    [JsonConverter(typeof(NumericIdConverter))]
    public string To => branch.To.Value;

    /// <summary>Active flow at the from end, MW.</summary>
    public double PFromMw => branch.PFromMw;

    /// <summary>Reactive flow at the from end, Mvar.</summary>
    public double QFromMvar => branch.QFromMvar;

    /// <summary>Active flow at the to end, MW.</summary>
    public double PToMw => branch.PToMw;

    /// <summary>Reactive flow at the to end, Mvar.</summary>
    public double QToMvar => branch.QToMvar;

    /// <summary>Series active loss, MW.</summary>
    public double LossMw => branch.LossMw;

    /// <summary>Series reactive loss, Mvar.</summary>
    public double LossMvar => branch.LossMvar;

    /// <summary>Loading, % of the rating.</summary>
    public double LoadingPercent => branch.LoadingPercent;

    /// <summary>Active loss in the branch's shunt conductance (a transformer's no-load loss), MW.</summary>
    public double ShuntLossMw => branch.ShuntLossMw;
}
