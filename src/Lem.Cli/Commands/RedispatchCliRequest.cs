using Lem.Markets.Redispatch;

namespace Lem.Cli.Commands;

/// <summary>The redispatch options as given (docs/mechanisms/redispatch.md).</summary>
/// <param name="Strategy">The <c>--redispatch</c> strategy, or null.</param>
/// <param name="Rounds">The <c>--redispatch-rounds</c> value, or null.</param>
internal sealed record RedispatchCliRequest(string? Strategy, int? Rounds)
{
    /// <summary>The redispatch's options.</summary>
    public RedispatchOptions Options => Rounds is { } k ? RedispatchOptions.Default with { MaxRounds = k } : RedispatchOptions.Default;

    /// <summary>A usage mistake (exit 2), or null: rounds without a redispatch or below 1, a redispatch without the AC check.</summary>
    public string? UsageProblem(bool acCheck)
    {
        var problems = new List<string>();
        if (Rounds is not null && Strategy is null)
        {
            problems.Add("--redispatch-rounds applies only together with --redispatch.");
        }

        if (Rounds is < 1)
        {
            problems.Add($"--redispatch-rounds must be at least 1, not {Rounds.Value.ToString(Inv)}.");
        }

        if (Strategy is not null && !acCheck)
        {
            problems.Add("--redispatch needs the AC check; drop --no-ac-check.");
        }

        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>Adds the redispatch's rows to the text output's table.</summary>
    public static void AddTextRows(Table table, RedispatchOutcome? outcome)
    {
        if (outcome is null)
        {
            return;
        }

        table.AddRow("Redispatch", Markup.Escape(outcome.Strategy));
        table.AddRow("Redispatch: rounds", outcome.Rounds.ToString(Inv));
        table.AddRow("Redispatch: AC violations before → after", $"{outcome.ViolationsBefore.ToString(Inv)} → {outcome.ViolationsAfter.ToString(Inv)}");
        table.AddRow("Redispatch: welfare lost", $"{outcome.WelfareLostEur.ToString("0.00", Inv)} EUR");
        foreach (var warning in outcome.Warnings)
        {
            table.AddRow("Redispatch: note", Markup.Escape(warning));
        }
    }
}
