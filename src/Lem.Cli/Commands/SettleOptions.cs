namespace Lem.Cli.Commands;

/// <summary>The settlement options of <c>lem run</c>: <c>--settle</c> and <c>--meters FILE</c> (docs/settlement.md).</summary>
internal sealed class SettleOptions
{
    /// <summary>Creates the options.</summary>
    public SettleOptions()
    {
        Settle = new Option<bool>("--settle")
        {
            Description = "Settle the cleared market with the scenario's tariffs (its 'settlement' section): write invoices/ (JSON and HTML per participant, summary.json|html) and kpis.json to --out, and add a kpis block to the summary.",
        };
        Meters = new Option<string?>("--meters")
        {
            Description = "With --settle: a CSV of metered net energy (header participant,slot,energy_kwh; kWh, injection positive); deviations from the schedule are settled as imbalance.",
        };
    }

    /// <summary><c>--settle</c>.</summary>
    public Option<bool> Settle { get; }

    /// <summary><c>--meters</c>.</summary>
    public Option<string?> Meters { get; }

    /// <summary>The values given on the command line.</summary>
    public SettleRequest Read(ParseResult parse) => new(parse.GetValue(Settle), parse.GetValue(Meters));
}
