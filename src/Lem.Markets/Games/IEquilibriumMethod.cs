namespace Lem.Markets.Games;

/// <summary>A way of computing a (variational) Nash equilibrium of a <see cref="CournotGame"/>, registered in <see cref="EquilibriumMethods"/>.</summary>
public interface IEquilibriumMethod
{
    /// <summary>The name as the CLI spells it.</summary>
    string Name { get; }

    /// <summary>One sentence for the help text.</summary>
    string Description { get; }

    /// <summary>Why the method cannot solve this game, or null.</summary>
    string? CannotSolve(CournotGame game, EquilibriumOptions options);

    /// <summary>Computes an equilibrium.</summary>
    GameEquilibrium Solve(CournotGame game, EquilibriumOptions options);
}
