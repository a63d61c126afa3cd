using Lem.Domain.Validation;

namespace Lem.Grid.PowerFlow;

/// <summary>The outcome of reading a load profile: the profile when there were no errors, and every problem found.</summary>
/// <param name="Profile">The profile; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, each located as <c>file:line</c>.</param>
public sealed record LoadProfileReadResult(LoadProfile? Profile, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>True when the profile was read without errors.</summary>
    public bool Succeeded => Profile is not null && Errors.Count == 0;
}
