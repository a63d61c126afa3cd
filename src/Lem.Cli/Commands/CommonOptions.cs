namespace Lem.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    /// <summary>The name of the global <c>--quiet</c> option.</summary>
    public const string QuietName = "--quiet";

    /// <summary>The global <c>--quiet</c> (<c>-q</c>) option: no progress display on standard error.</summary>
    public static Option<bool> Quiet() =>
        new(QuietName, "-q") { Description = "Show no progress display on standard error (it is also off when standard error is not a terminal or CI=true).", Recursive = true };

    /// <summary>The <c>--format text|json</c> option.</summary>
    public static Option<string> Format() =>
        Choice("--format", "Output format: text (readable) or json (for programs).", "text", "text", "json");

    /// <summary>The <c>scenario</c> argument of the commands that read a scenario.</summary>
    public static Argument<string> Scenario() => new("scenario") { Description = "The scenario JSON file." };

    /// <summary>The <c>network-file</c> argument of <c>lem pf</c> and <c>lem grid</c>.</summary>
    public static Argument<string> NetworkFile() => new("network-file") { Description = "A MATPOWER .m case or a pandapower JSON file." };

    /// <summary>
    /// The <c>--out</c> option of the commands that write files into a folder (created when missing). A path that is an
    /// existing file, or lies below one, is a command-line mistake (exit 2 naming the option), not an I/O failure.
    /// </summary>
    public static Option<string> OutputFolder(string description)
    {
        var option = new Option<string>("--out") { Description = description };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--out needs a folder.");
                return;
            }

            for (var path = Path.GetFullPath(value); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
            {
                if (File.Exists(path))
                {
                    result.AddError(path == Path.GetFullPath(value)
                        ? $"--out '{value}' is a file; --out names a folder (created when missing)."
                        : $"--out '{value}' lies below '{path}', which is a file; --out names a folder (created when missing).");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>An option that takes one of <paramref name="values"/> and defaults to <paramref name="defaultValue"/>.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
