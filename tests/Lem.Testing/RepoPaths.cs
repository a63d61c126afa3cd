namespace Lem.Testing;

/// <summary>Locates the repository root, the bundled examples and the shared reference data for tests.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>Lem.slnx</c>).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The shared reference data folder <c>../shared</c> beside the checkout, or <c>LEM_SHARED_DIR</c>.</summary>
    public static string Shared
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("LEM_SHARED_DIR");
            var dir = string.IsNullOrEmpty(fromEnv) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : fromEnv;
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"The shared reference data folder '{dir}' does not exist; set LEM_SHARED_DIR.");
            }

            return dir;
        }
    }

    /// <summary>The reference grids folder <c>shared/data/grids</c>.</summary>
    public static string Grids => Path.Combine(Shared, "data", "grids");

    /// <summary>A path below the repository root.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path below <c>shared/data/grids</c>.</summary>
    public static string Grid(params string[] parts) => Path.Combine([Grids, .. parts]);

    private static string FindRoot()
    {
        // Builds with --artifacts-path put the test binaries outside the repository; LEM_REPO_ROOT names it then.
        var fromEnv = Environment.GetEnvironmentVariable("LEM_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "Lem.slnx")))
        {
            return Path.GetFullPath(fromEnv);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lem.slnx")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException($"No Lem.slnx above '{AppContext.BaseDirectory}'.");
    }
}
