namespace Lem.Grid;

/// <summary>How many elements of one kind a network has, and how many of them are in service (switches: closed).</summary>
/// <param name="Total">The elements in the file.</param>
/// <param name="InService">Those in service (for switches: those closed).</param>
public sealed record ElementCount(int Total, int InService)
{
    /// <summary>Counts the elements and those for which <paramref name="inService"/> holds.</summary>
    public static ElementCount Of<T>(IReadOnlyCollection<T> elements, Func<T, bool> inService) => new(elements.Count, elements.Count(inService));
}
