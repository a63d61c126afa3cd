using System.CommandLine;

namespace Lem.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    /// <summary>The <c>--format text|json</c> option.</summary>
    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: text (readable) or json (for programs).",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
