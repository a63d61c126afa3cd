namespace Lem.Domain.Reading;

/// <summary>Builds JSON paths in the dotted form used in error reports: <c>$.participants[3].bus</c>.</summary>
public static class JsonPaths
{
    /// <summary>The path of a property below <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name)
    {
        var simple = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The path of an array element below <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
