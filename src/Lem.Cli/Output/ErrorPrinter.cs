namespace Lem.Cli.Output;

/// <summary>Prints validation problems as a readable list (text) or in the <c>{"valid","errors"}</c> JSON shape.</summary>
public static class ErrorPrinter
{
    /// <summary>Prints problems in the chosen output format (<c>text</c> or <c>json</c>).</summary>
    public static void Print(CliContext context, string format, string subject, IReadOnlyList<ValidationError> errors, IReadOnlyList<string>? warnings = null)
    {
        if (format == "json")
        {
            Json(context.Out, errors, warnings ?? []);
        }
        else
        {
            Text(context, subject, errors);
        }
    }

    /// <summary>Prints problems as text: one line each with path, message and code.</summary>
    public static void Text(CliContext context, string subject, IReadOnlyList<ValidationError> errors)
    {
        context.Console.MarkupLine($"[red]{Markup.Escape(subject)} has {errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}:[/]");
        foreach (var e in errors)
        {
            context.Console.MarkupLine($"  [yellow]{Markup.Escape(e.Path)}[/]: {Markup.Escape(e.Message)} [grey]({Markup.Escape(e.Code)})[/]");
        }
    }

    /// <summary>
    /// Prints <c>{"valid": bool, "errors": [{"path","code","message"}], "warnings": [...], "warning_details": [{"path","code","message"}]}</c>.
    /// </summary>
    public static void Json(TextWriter output, IReadOnlyList<ValidationError> errors, IReadOnlyList<string> warnings, IReadOnlyList<ValidationError>? warningDetails = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Output.Json.Write(output, new ValidationReportJson(errors.Count == 0, errors, warnings, warningDetails ?? []));
    }
}
