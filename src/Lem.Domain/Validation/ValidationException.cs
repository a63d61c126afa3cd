namespace Lem.Domain.Validation;

/// <summary>
/// Thrown only where an API has no result channel for bad input; carries every problem found.
/// Prefer result types that return <see cref="ValidationError"/> lists.
/// </summary>
public sealed class ValidationException : Exception
{
    /// <summary>Creates the exception from the list of problems found.</summary>
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems found; the first: {(errors.Count > 0 ? errors[0].ToString() : "none")}")
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
