namespace Lem.Settlement.Allocation;

/// <summary>
/// An allocation method cannot be applied to a game as asked: too many players for an exact method, a Nash
/// bargaining problem without a feasible point, an empty core where core constraints are required.
/// </summary>
public sealed class AllocationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AllocationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AllocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AllocationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
