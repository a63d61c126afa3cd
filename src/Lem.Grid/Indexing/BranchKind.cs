namespace Lem.Grid.Indexing;

/// <summary>Whether a solver branch is a line or a transformer.</summary>
public enum BranchKind
{
    /// <summary>A <see cref="Network.Line"/>.</summary>
    Line,

    /// <summary>A <see cref="Network.Transformer"/>.</summary>
    Transformer,
}
