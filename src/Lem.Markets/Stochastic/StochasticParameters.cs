namespace Lem.Markets.Stochastic;

/// <summary>
/// The settings of <c>stochastic-pool</c>, read from <see cref="ClearingOptions.Parameters"/>
/// (docs/mechanisms/stochastic-pool.md#parameters): the risk objective, the scenario generation and reduction, and the
/// real-time prices the scenario market does not give.
/// </summary>
public sealed record StochasticParameters
{
    /// <summary>The parameter names, in the order they are documented.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["alpha", "beta", "scenarios", "samples", "forecast_error", "correlation", "seed", "imbalance_premium", "regulation_premium", "voll"];

    /// <summary>The most scenarios that may be sampled (the reduction's distance matrix has N² entries).</summary>
    public const int MaxSamples = 2000;

    /// <summary>All defaults.</summary>
    public static StochasticParameters Default { get; } = new();

    /// <summary>CVaR confidence level α ∈ (0, 1); default 0.9.</summary>
    public double Alpha { get; init; } = 0.9;

    /// <summary>CVaR weight β ∈ [0, 1]; default 0 (risk-neutral).</summary>
    public double Beta { get; init; }

    /// <summary>K, the scenarios kept by the reduction (≥ 1); default 10.</summary>
    public int Scenarios { get; init; } = 10;

    /// <summary>N, the sampled scenarios (K ≤ N ≤ <see cref="MaxSamples"/>); default 200.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>σ, the relative forecast error's standard deviation (≥ 0); default 0.1.</summary>
    public double ForecastError { get; init; } = 0.1;

    /// <summary>ρ ∈ (−1, 1), the AR(1) correlation of consecutive slots' errors; default 0.8.</summary>
    public double Correlation { get; init; } = 0.8;

    /// <summary>The sampling seed; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Real-time import costs the wholesale import price plus this, real-time export earns the export price minus this, EUR/MWh (≥ 0); default 20.</summary>
    public double ImbalancePremiumEurPerMwh { get; init; } = 20;

    /// <summary>
    /// When set, sell orders regulate: up at their price plus this, down refunding their price minus this, EUR/MWh (≥ 0);
    /// null (default): sell orders are day-ahead only.
    /// </summary>
    public double? RegulationPremiumEurPerMwh { get; init; }

    /// <summary>The value of lost load, the cost of real-time shedding, EUR/MWh (&gt; 0); default 3000.</summary>
    public double VollEurPerMwh { get; init; } = 3000;

    /// <summary>The risk objective.</summary>
    public RiskObjective Objective => new(Alpha, Beta);

    /// <summary>
    /// Reads the parameters; every problem is reported, with the path <paramref name="pathOf"/> gives a parameter's
    /// name (<c>parameters.alpha</c>, or <c>--alpha</c> on the command line). Unknown names are errors.
    /// </summary>
    public static (StochasticParameters? Parameters, IReadOnlyList<ValidationError> Errors) Parse(IReadOnlyDictionary<string, string> values, Func<string, string> pathOf)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(pathOf);
        var errors = new List<ValidationError>();
        foreach (var key in values.Keys.Where(k => !Names.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new ValidationError(pathOf(key), ValidationCodes.FieldUnknown, $"stochastic-pool has no parameter '{key}'; known: {string.Join(", ", Names)}."));
        }

        double Number(string name, double fallback, Func<double, bool> ok, string allowed)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                errors.Add(new ValidationError(pathOf(name), ValidationCodes.FieldType, $"{name} must be a number; got '{text}'."));
                return fallback;
            }

            if (!ok(v))
            {
                errors.Add(new ValidationError(pathOf(name), ValidationCodes.ValueOutOfRange, $"{name} must be {allowed}; got {v.ToString(CultureInfo.InvariantCulture)}."));
            }

            return v;
        }

        int Whole(string name, int fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                errors.Add(new ValidationError(pathOf(name), ValidationCodes.FieldType, $"{name} must be a whole number; got '{text}'."));
                return fallback;
            }

            if (v < 1)
            {
                errors.Add(new ValidationError(pathOf(name), ValidationCodes.ValueOutOfRange, $"{name} must be at least 1; got {v.ToString(CultureInfo.InvariantCulture)}."));
            }

            return v;
        }

        var alpha = Number("alpha", Default.Alpha, v => v is > 0 and < 1, "in (0, 1)");
        var beta = Number("beta", Default.Beta, v => v is >= 0 and <= 1, "in [0, 1]");
        var scenarios = Whole("scenarios", Default.Scenarios);
        var samples = Whole("samples", Default.Samples);
        var error = Number("forecast_error", Default.ForecastError, v => v >= 0, "at least 0");
        var rho = Number("correlation", Default.Correlation, v => v is > -1 and < 1, "in (-1, 1)");
        var imbalance = Number("imbalance_premium", Default.ImbalancePremiumEurPerMwh, v => v >= 0, "at least 0 EUR/MWh");
        var voll = Number("voll", Default.VollEurPerMwh, v => v > 0, "above 0 EUR/MWh");
        double? regulation = values.ContainsKey("regulation_premium") ? Number("regulation_premium", 0, v => v >= 0, "at least 0 EUR/MWh") : null;
        var seed = Default.Seed;
        if (values.TryGetValue("seed", out var seedText) && !ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            errors.Add(new ValidationError(pathOf("seed"), ValidationCodes.FieldType, $"seed must be a whole number ≥ 0; got '{seedText}'."));
        }

        if (samples > MaxSamples)
        {
            errors.Add(new ValidationError(pathOf("samples"), ValidationCodes.ValueOutOfRange, $"samples must be at most {MaxSamples} (the reduction keeps an N × N distance matrix); got {samples}."));
        }

        if (scenarios >= 1 && samples >= 1 && samples < scenarios)
        {
            errors.Add(new ValidationError(pathOf("samples"), ValidationCodes.ValueOutOfRange, $"samples ({samples}) must be at least scenarios ({scenarios}): the reduction keeps K of N sampled scenarios."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new StochasticParameters
            {
                Alpha = alpha,
                Beta = beta,
                Scenarios = scenarios,
                Samples = samples,
                ForecastError = error,
                Correlation = rho,
                Seed = seed,
                ImbalancePremiumEurPerMwh = imbalance,
                RegulationPremiumEurPerMwh = regulation,
                VollEurPerMwh = voll,
            }, []);
    }
}
