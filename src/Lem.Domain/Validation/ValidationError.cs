namespace Lem.Domain.Validation;

/// <summary>
/// One problem found in user input: where it is, a stable machine-readable code and a plain sentence.
/// </summary>
/// <param name="Path">
/// Where the problem is: a JSON path such as <c>$.participants[3].assets[0].capacity_kwh</c>,
/// or a file location such as <c>loads.csv:17</c>.
/// </param>
/// <param name="Code">A stable dotted code, for example <c>value.out_of_range</c>; see <see cref="ValidationCodes"/>.</param>
/// <param name="Message">A full sentence that names the offending value and what is allowed.</param>
public sealed record ValidationError(string Path, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} [{Code}]";
}
