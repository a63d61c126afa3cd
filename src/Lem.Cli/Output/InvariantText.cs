namespace Lem.Cli.Output;

/// <summary>The culture every number the CLI writes is formatted with (imported project-wide by <c>GlobalUsings.cs</c>).</summary>
internal static class InvariantText
{
    /// <summary>The invariant culture: a dot as the decimal separator, no grouping.</summary>
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
}
