namespace Lem.Grid.Network;

/// <summary>Where a <see cref="GridNetwork"/> came from.</summary>
public enum GridSourceFormat
{
    /// <summary>A MATPOWER case file (<c>.m</c>).</summary>
    Matpower,

    /// <summary>A pandapower network saved with <c>to_json</c>.</summary>
    Pandapower,

    /// <summary>Built in memory or described inline in a scenario.</summary>
    Inline,
}
