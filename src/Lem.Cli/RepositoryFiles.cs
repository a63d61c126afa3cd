namespace Lem.Cli;

/// <summary>
/// Finds a file of the repository (such as <c>examples/village/scenario.json</c>) from any working folder: the path as
/// given, else below the first folder holding <c>Lem.slnx</c> above the current folder or the program's folder.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The file that marks the repository's root.</summary>
    public const string RootMarker = "Lem.slnx";

    /// <summary>
    /// The full path of <paramref name="path"/> when it exists as given (relative to the current folder or absolute),
    /// else of the same relative path below the repository root found above the current folder or above
    /// <see cref="AppContext.BaseDirectory"/> (the program's folder, which is inside the checkout for <c>./lem</c> and
    /// the tests); null when neither exists.
    /// </summary>
    public static string? Find(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (Path.IsPathRooted(path))
        {
            return null;
        }

        return SearchFolders()
            .Where(dir => File.Exists(Path.Combine(dir.FullName, RootMarker)))
            .Select(dir => Path.GetFullPath(Path.Combine(dir.FullName, path)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The current folder and its parents, then the program's folder and its parents, nearest first.</summary>
    public static IEnumerable<DirectoryInfo> SearchFolders()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return dir;
            }
        }
    }
}
