namespace Lem.Cli;

/// <summary>Finds the shared reference grids folder (holding <c>matpower/</c> and <c>benchmark/</c>).</summary>
public static class GridsFolder
{
    /// <summary>
    /// The folder given, or <c>$LEM_SHARED_DIR/data/grids</c>, or <c>shared/data/grids</c> found beside the current
    /// folder or the program's folder or one of their parents; null when none exists.
    /// </summary>
    public static string? Find(string? given)
    {
        if (given is not null)
        {
            return Directory.Exists(given) ? Path.GetFullPath(given) : null;
        }

        var env = Environment.GetEnvironmentVariable("LEM_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "data", "grids")))
        {
            return Path.Combine(env, "data", "grids");
        }

        return RepositoryFiles.SearchFolders()
            .Select(dir => Path.Combine(dir.FullName, "shared", "data", "grids"))
            .FirstOrDefault(candidate => Directory.Exists(Path.Combine(candidate, "matpower")));
    }
}
