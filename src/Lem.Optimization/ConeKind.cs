namespace Lem.Optimization;

/// <summary>The two standard forms of second-order cones.</summary>
public enum ConeKind
{
    /// <summary>‖(e₁, …, eₖ)‖₂ ≤ t, with t ≥ 0.</summary>
    Quadratic,

    /// <summary>e₁² + … + eₖ² ≤ u·w, with u, w ≥ 0 (the DistFlow form P² + Q² ≤ v·ℓ).</summary>
    Rotated,
}
