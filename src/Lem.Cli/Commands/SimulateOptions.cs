namespace Lem.Cli.Commands;

/// <summary>The option values of <c>lem simulate</c> as given (checked by <c>Simulator.CheckOptions</c>).</summary>
/// <param name="Days">--days.</param>
/// <param name="Mechanism">--mechanism.</param>
/// <param name="Agents">--agents.</param>
/// <param name="Forecast">--forecast.</param>
/// <param name="ForecastError">--forecast-error.</param>
/// <param name="Intraday">--intraday.</param>
/// <param name="Redispatch">--redispatch.</param>
/// <param name="Seed">--seed.</param>
internal sealed record SimulateOptions(int Days, string Mechanism, string Agents, string Forecast, double ForecastError, string Intraday, string Redispatch, ulong Seed)
{
    /// <summary>--strategic: the comma-separated ids of the strategic participants, or null.</summary>
    public string? Strategic { get; init; }
}
