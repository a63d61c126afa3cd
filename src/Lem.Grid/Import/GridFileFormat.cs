namespace Lem.Grid.Import;

/// <summary>The grid file formats the importer reads.</summary>
public enum GridFileFormat
{
    /// <summary>Decide from the file extension (<c>.m</c>, <c>.json</c>) and, failing that, from the content.</summary>
    Auto,

    /// <summary>A MATPOWER case file.</summary>
    Matpower,

    /// <summary>A pandapower network saved with <c>to_json</c>.</summary>
    Pandapower,
}
