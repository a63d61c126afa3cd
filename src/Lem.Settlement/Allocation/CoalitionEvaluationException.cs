namespace Lem.Settlement.Allocation;

/// <summary>
/// The cost of a coalition could not be evaluated (its clearing is infeasible or unbounded, or the solver failed).
/// The message names the coalition's members and the cause.
/// </summary>
public sealed class CoalitionEvaluationException : Exception
{
    /// <summary>Creates the exception with the coalition's member ids and the cause.</summary>
    public CoalitionEvaluationException(IReadOnlyList<string> members, string cause, Exception? inner = null)
        : base($"The cost of coalition {{{string.Join(", ", members ?? [])}}} could not be evaluated: {cause}", inner)
    {
        Members = members ?? [];
        Cause = cause;
    }

    /// <summary>Creates the exception with a message only (no coalition).</summary>
    public CoalitionEvaluationException()
        : this([], "no cause given")
    {
    }

    /// <summary>Creates the exception with a message only (no coalition).</summary>
    public CoalitionEvaluationException(string message)
        : base(message)
    {
        Members = [];
        Cause = message;
    }

    /// <summary>Creates the exception with a message and an inner exception (no coalition).</summary>
    public CoalitionEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
        Members = [];
        Cause = message;
    }

    /// <summary>The ids of the coalition's members.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Why the cost could not be evaluated.</summary>
    public string Cause { get; }
}
