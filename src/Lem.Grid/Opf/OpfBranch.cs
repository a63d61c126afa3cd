namespace Lem.Grid.Opf;

/// <summary>The flow on one in-service branch.</summary>
/// <param name="Id">The branch id.</param>
/// <param name="Kind">Line or transformer (ids repeat across kinds in pandapower networks).</param>
/// <param name="From">The user id of the from bus.</param>
/// <param name="To">The user id of the to bus.</param>
/// <param name="PFromMw">The active power entering the branch at its from end (MW).</param>
public sealed record OpfBranch(string Id, BranchKind Kind, BusId From, BusId To, double PFromMw);
