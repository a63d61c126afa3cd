namespace Lem.Optimization.Ipopt;

/// <summary>Options of one Ipopt solve. Ipopt is always silent unless <see cref="Verbose"/> and never reads an <c>ipopt.opt</c> file.</summary>
public sealed record IpoptSettings
{
    /// <summary>Default settings.</summary>
    public static IpoptSettings Default { get; } = new();

    /// <summary>Ipopt's <c>tol</c>: the convergence tolerance on the scaled NLP error (default 1e-8).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Ipopt's <c>constr_viol_tol</c>, an absolute bound on the final constraint violation; null means <see cref="Tolerance"/>.</summary>
    public double? ConstraintViolationTolerance { get; init; }

    /// <summary>Ipopt's <c>max_iter</c>.</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>Ipopt's <c>max_cpu_time</c> in seconds; not set when infinite.</summary>
    public double MaxCpuSeconds { get; init; } = double.PositiveInfinity;

    /// <summary>Ipopt's <c>mu_strategy</c>: <c>adaptive</c> (default here; usually fewer iterations) or <c>monotone</c>.</summary>
    public string MuStrategy { get; init; } = "adaptive";

    /// <summary>Whether Ipopt prints its banner and iteration log (print level 5) to standard output.</summary>
    public bool Verbose { get; init; }

    /// <summary>Further string options by Ipopt name, applied after the ones above (so they override them).</summary>
    public IReadOnlyDictionary<string, string> StringOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Further numeric options by Ipopt name, applied after the ones above.</summary>
    public IReadOnlyDictionary<string, double> NumberOptions { get; init; } = new Dictionary<string, double>();

    /// <summary>Further integer options by Ipopt name, applied after the ones above.</summary>
    public IReadOnlyDictionary<string, int> IntegerOptions { get; init; } = new Dictionary<string, int>();
}
