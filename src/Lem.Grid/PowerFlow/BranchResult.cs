namespace Lem.Grid.PowerFlow;

/// <summary>The flows on one branch (line or transformer), under the user's ids. Flows are into the branch at each end.</summary>
/// <param name="Id">The branch id.</param>
/// <param name="From">The from bus (transformer: high-voltage side).</param>
/// <param name="To">The to bus.</param>
/// <param name="PFromMw">Active power entering the branch at the from end.</param>
/// <param name="QFromMvar">Reactive power entering the branch at the from end.</param>
/// <param name="PToMw">Active power entering the branch at the to end.</param>
/// <param name="QToMvar">Reactive power entering the branch at the to end.</param>
/// <param name="LossMw">Series active losses, |I_s|²·r (MATPOWER's definition).</param>
/// <param name="LossMvar">Series reactive losses, |I_s|²·x.</param>
/// <param name="LoadingPercent">Loading in percent of the thermal limit: current-based where the limit is a current (pandapower,
/// inline grids), apparent-power-based for MATPOWER ratings; 0 when the branch has no limit.</param>
/// <param name="Kind">Line or transformer (pandapower numbers lines and transformers separately, so ids repeat across kinds).</param>
/// <param name="ShuntLossMw">Active loss in the branch's shunt conductance, g/2·(|V_f|²/t² + |V_t|²): a transformer's
/// no-load (iron) loss, a line's dielectric loss; <see cref="PFromMw"/> + <see cref="PToMw"/> = <see cref="LossMw"/> + this.</param>
public sealed record BranchResult(
    string Id,
    BusId From,
    BusId To,
    double PFromMw,
    double QFromMvar,
    double PToMw,
    double QToMvar,
    double LossMw,
    double LossMvar,
    double LoadingPercent,
    Indexing.BranchKind Kind,
    double ShuntLossMw = 0);
