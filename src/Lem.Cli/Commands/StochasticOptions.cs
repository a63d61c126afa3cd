using Lem.Markets.Stochastic;

namespace Lem.Cli.Commands;

/// <summary>
/// The options of <c>lem run</c> that become <see cref="ClearingOptions.Parameters"/> of a mechanism that reads them
/// (<c>stochastic-pool</c>, docs/mechanisms/stochastic-pool.md#parameters): <c>--alpha</c>, <c>--beta</c>,
/// <c>--scenarios</c>, <c>--samples</c>, <c>--forecast-error</c> and <c>--seed</c>.
/// </summary>
internal sealed class StochasticOptions
{
    /// <summary>Creates the options.</summary>
    public StochasticOptions()
    {
        All =
        [
            Make("alpha", "stochastic-pool: the CVaR confidence level α in (0, 1). Default: 0.9."),
            Make("beta", "stochastic-pool: the weight β in [0, 1] of CVaR in (1 − β)·E[cost] + β·CVaR. Default: 0 (risk-neutral)."),
            Make("scenarios", "stochastic-pool: K, the scenarios kept by fast forward selection (≥ 1). Default: 10."),
            Make("samples", "stochastic-pool: N, the forecast-error scenarios sampled before the reduction (≥ K). Default: 200."),
            Make("forecast_error", "stochastic-pool: the relative forecast error σ (≥ 0) of renewables' output and inflexible loads' demand. Default: 0.1."),
            Make("seed", "stochastic-pool: the sampling seed (a whole number ≥ 0). Default: 1."),
        ];
    }

    /// <summary>The options with the parameter name each sets.</summary>
    public IReadOnlyList<(string Parameter, Option<string?> Option)> All { get; }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var (_, option) in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parameters given on the command line, by parameter name.</summary>
    public IReadOnlyDictionary<string, string> Read(ParseResult parse) =>
        All.Where(o => parse.GetValue(o.Option) is not null).ToDictionary(o => o.Parameter, o => parse.GetValue(o.Option)!, StringComparer.Ordinal);

    /// <summary>Every problem with the given parameters for the mechanism (options it does not read, values out of range), or null.</summary>
    public static string? UsageProblem(IClearingMechanism mechanism, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(parameters);
        var foreign = parameters.Keys.Where(k => !mechanism.Capabilities.ParameterNames.Contains(k)).Select(OptionName).ToList();
        if (foreign.Count > 0)
        {
            var readers = ClearingMechanisms.Names.Where(n => ClearingMechanisms.Get(n).Capabilities.ParameterNames.Count > 0);
            return $"{string.Join(", ", foreign)} {(foreign.Count == 1 ? "applies" : "apply")} to --mechanism {string.Join(" or ", readers)} only, not {mechanism.Name}.";
        }

        var errors = StochasticParameters.Parse(parameters, OptionName).Errors;
        return errors.Count == 0 ? null : string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    /// <summary>The option of a parameter: <c>forecast_error</c> → <c>--forecast-error</c>.</summary>
    private static string OptionName(string parameter) => "--" + parameter.Replace('_', '-');

    private static (string, Option<string?>) Make(string parameter, string description) => (parameter, new Option<string?>(OptionName(parameter)) { Description = description });
}
