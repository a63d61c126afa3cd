namespace Lem.Markets.Games;

/// <summary>
/// A linear constraint Σ_j a_j·y_j ≤ h over the game's variables. A row of one player (its storage) is its own
/// constraint; a <see cref="Shared"/> row (a line limit) binds several players and gets one common multiplier in the
/// variational equilibrium (docs/games.md#shared-grid-constraints).
/// </summary>
/// <param name="Name">A name for reports.</param>
/// <param name="Variables">The indices of the variables in the row.</param>
/// <param name="Coefficients">a_j, one per variable.</param>
/// <param name="Upper">h, the right-hand side.</param>
/// <param name="Shared">Whether the row is a shared (grid) constraint.</param>
public sealed record GameRow(string Name, IReadOnlyList<int> Variables, IReadOnlyList<double> Coefficients, double Upper, bool Shared);
