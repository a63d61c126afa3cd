namespace Lem.Domain.Progress;

/// <summary>
/// One report of a long computation (docs/architecture.md#progress): the phase it belongs to, how far the phase is,
/// and optional measures (an ADMM iteration's residuals, for example).
/// </summary>
/// <param name="Phase">The phase, a short human-readable name ("ADMM", "AC check", …); reports of one phase share it.</param>
/// <param name="Done">Units of work done in the phase (iterations, slots, permutations); 0 when the phase starts.</param>
/// <param name="Total">Units of work of the phase, or null when not known in advance (a solve, an open-ended loop).</param>
/// <param name="Measures">Named numbers of the latest unit (snake_case names such as <c>primal_residual</c>), or null.</param>
public sealed record ProgressUpdate(string Phase, long Done, long? Total, IReadOnlyDictionary<string, double>? Measures = null)
{
    /// <summary>The measure named <paramref name="name"/>, or null.</summary>
    public double? Measure(string name) => Measures is not null && Measures.TryGetValue(name, out var value) ? value : null;
}
