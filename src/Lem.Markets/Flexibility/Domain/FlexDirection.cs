namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// The direction of a flexibility service (docs/mechanisms/flexibility.md#signs): <see cref="Up"/> raises the net
/// injection at the connection (more generation or less consumption), <see cref="Down"/> lowers it.
/// </summary>
public enum FlexDirection
{
    /// <summary>More injection or less consumption.</summary>
    Up,

    /// <summary>Less injection or more consumption.</summary>
    Down,
}
