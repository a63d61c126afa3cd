using Lem.Markets.Redispatch;

namespace Lem.Cli.Commands;

/// <summary>The redispatch options of <c>lem run</c>: <c>--redispatch</c> and <c>--redispatch-rounds K</c> (docs/mechanisms/redispatch.md).</summary>
internal sealed class RedispatchCliOptions
{
    /// <summary>Creates the options.</summary>
    public RedispatchCliOptions()
    {
        Strategy = new Option<string?>("--redispatch")
        {
            Description = "The DSO's grid check and redispatch after the clearing: "
                + string.Join(", ", RedispatchStrategies.Names.Select(n => RedispatchStrategies.TryGet(n, out var r) ? $"{n} ({r.Description.ToLowerInvariant()})" : n))
                + ". Adds a redispatch block to the summary and redispatch.csv to --out. Default: no redispatch (clear once).",
        };
        Strategy.AcceptOnlyFromAmong([.. RedispatchStrategies.Names]);
        Rounds = new Option<int?>("--redispatch-rounds")
        {
            Description = $"With --redispatch iterative: the most re-clearings K (default {RedispatchOptions.Default.MaxRounds}).",
        };
    }

    /// <summary><c>--redispatch</c>.</summary>
    public Option<string?> Strategy { get; }

    /// <summary><c>--redispatch-rounds</c>.</summary>
    public Option<int?> Rounds { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Strategy);
        command.Options.Add(Rounds);
    }

    /// <summary>The values given on the command line.</summary>
    public RedispatchCliRequest Read(ParseResult parse) => new(parse.GetValue(Strategy), parse.GetValue(Rounds));
}
