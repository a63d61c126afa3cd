namespace Lem.Cli.Output.Records;

/// <summary>The <c>{"valid", "errors", "warnings", "warning_details"}</c> shape of validation problems.</summary>
/// <param name="Valid">Whether there are no errors.</param>
/// <param name="Errors">The errors: path, code and message each.</param>
/// <param name="Warnings">Notes that do not make the input invalid, as text.</param>
/// <param name="WarningDetails">The warnings that have a path and a code (such as <c>value.implausible</c>): path, code and message each.</param>
public sealed record ValidationReportJson(bool Valid, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<ValidationError> WarningDetails);
