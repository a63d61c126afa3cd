using Lem.Domain.Validation;
using Spectre.Console;

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

    /// <summary>Prints <c>{"valid": bool, "errors": [{"path","code","message"}], "warnings": [...]}</c>.</summary>
    public static void Json(TextWriter output, IReadOnlyList<ValidationError> errors, IReadOnlyList<string> warnings)
    {
        Output.Json.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("valid", errors.Count == 0);
            w.WriteStartArray("errors");
            foreach (var e in errors)
            {
                w.WriteStartObject();
                w.WriteString("path", e.Path);
                w.WriteString("code", e.Code);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
