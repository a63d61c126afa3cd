namespace Lem.Grid.Network;

/// <summary>The power-flow role of a bus, as in MATPOWER's bus type column.</summary>
public enum BusType
{
    /// <summary>Load bus: active and reactive injections given (MATPOWER type 1).</summary>
    Pq = 1,

    /// <summary>Generator bus: active injection and voltage magnitude given (MATPOWER type 2).</summary>
    Pv = 2,

    /// <summary>Reference bus: voltage magnitude and angle given (MATPOWER type 3, pandapower external grid).</summary>
    Slack = 3,

    /// <summary>Isolated bus, not part of the network (MATPOWER type 4).</summary>
    Isolated = 4,
}
