namespace Lem.Markets.Games;

/// <summary>A game built from a market by <see cref="GameBuilder"/>.</summary>
/// <param name="Game">The game.</param>
/// <param name="DemandKw">D_t, the demand the residual inverse demand is drawn through (docs/games.md#from-a-scenario), kW per slot.</param>
/// <param name="GridModel">The sensitivity model of the shared line rows (dc, lindistflow), or null without grid rows.</param>
/// <param name="Remarks">What the builder left out (asset kinds it does not model as players), sorted.</param>
public sealed record GameBuild(CournotGame Game, IReadOnlyList<double> DemandKw, string? GridModel, IReadOnlyList<string> Remarks);
