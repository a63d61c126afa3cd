using Lem.Grid.Distance;

namespace Lem.Cli.Commands;

/// <summary>
/// The P2P network-charge options of <c>lem run</c> (docs/network-charges.md): <c>--network-charge γ</c> (EUR/MWh),
/// <c>--distance path|resistance|ptdf|uniform|zonal</c> and <c>--charge-split half|buyer</c>, their checks and their output.
/// </summary>
internal sealed class NetworkChargeOptions
{
    /// <summary>Creates the options.</summary>
    public NetworkChargeOptions()
    {
        Level = new Option<double>("--network-charge")
        {
            Description = "P2P only: charge bilateral trades for using the grid, γ in EUR/MWh (docs/network-charges.md): γ·d/d_max with the electrical distance d between the partners' buses (see --distance), γ for every trade (uniform) or γ across zones (zonal).",
        };
        Level.Validators.Add(result =>
        {
            // Only a number is checked here; text that is no number gets the parser's own error.
            if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, Inv, out var v) && (!(v >= 0) || !double.IsFinite(v)))
            {
                result.AddError($"--network-charge must be a finite, non-negative price in EUR/MWh; got {v.ToString(Inv)}.");
            }
        });
        Distance = new Option<string?>("--distance")
        {
            Description = "With --network-charge: path (sum of branch resistance along the path; radial grids), resistance (resistance distance; any grid; the default), ptdf (flow footprint Σ|PTDF|), uniform (postage stamp; no grid needed) or zonal (the grid's bus zones).",
        };
        Distance.AcceptOnlyFromAmong("path", "resistance", "ptdf", "uniform", "zonal");
        Split = new Option<string?>("--charge-split")
        {
            Description = "With --network-charge: who pays a trade's charge, half (buyer and seller half each; the default) or buyer. Trades with the outside market: the participant pays all.",
        };
        Split.AcceptOnlyFromAmong("half", "buyer");
    }

    /// <summary><c>--network-charge</c>.</summary>
    public Option<double> Level { get; }

    /// <summary><c>--distance</c>.</summary>
    public Option<string?> Distance { get; }

    /// <summary><c>--charge-split</c>.</summary>
    public Option<string?> Split { get; }

    /// <summary>The values given on the command line.</summary>
    public NetworkChargeRequest Read(ParseResult parse) =>
        new(parse.GetResult(Level) is null ? null : parse.GetValue(Level), parse.GetValue(Distance), parse.GetValue(Split));
}
