using Lem.Domain.Validation;

namespace Lem.Cli.Output.Records;

/// <summary>The <c>{"valid", "errors", "warnings"}</c> shape of validation problems.</summary>
/// <param name="Valid">Whether there are no errors.</param>
/// <param name="Errors">The errors: path, code and message each.</param>
/// <param name="Warnings">Notes that do not make the input invalid.</param>
public sealed record ValidationReportJson(bool Valid, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings);
