namespace Lem.Grid.Formulations;

/// <summary>
/// One row of the linearised voltage unbalance limit of <see cref="LinDist3FlowFormulation"/> at a bus:
/// −u' ≤ Σ_φ c_φ·Y^φ ≤ u' with c_φ = cos(θ'_φ − θ_s)/6, the projection of the negative-sequence voltage
/// V_2 ≈ (1/6)·Σ_φ Y^φ·e^{jθ'_φ} (θ'_a = 0, θ'_b = +120°, θ'_c = −120°) on direction θ_s
/// (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
/// </summary>
/// <param name="Constraint">The row in the model.</param>
/// <param name="Bus">The solver bus.</param>
/// <param name="Coefficients">c_a, c_b, c_c.</param>
public sealed record LinDist3FlowUnbalanceRow(Constraint Constraint, int Bus, double[] Coefficients);
