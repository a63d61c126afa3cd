namespace Lem.Testing;

/// <summary>Locates the repository root, the bundled examples and the shared reference data for tests.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>Lem.slnx</c>).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The environment variable that names the shared reference data folder instead of <c>../shared</c>.</summary>
    public const string SharedVariable = "LEM_SHARED_DIR";

    /// <summary>The shared reference data folder <c>../shared</c> beside the checkout, or <c>LEM_SHARED_DIR</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (<see cref="SharedProblem"/> says so).</exception>
    public static string Shared => SharedProblem is { } problem ? throw new DirectoryNotFoundException(problem) : SharedCandidate;

    /// <summary>Why the shared reference data folder cannot be used, or null when it exists.</summary>
    public static string? SharedProblem
    {
        get
        {
            var dir = SharedCandidate;
            return Directory.Exists(dir)
                ? null
                : $"The shared reference data folder '{dir}' does not exist; put the shared data beside the checkout (../shared) or set {SharedVariable}.";
        }
    }

    /// <summary>Where the shared folder is looked for: <c>LEM_SHARED_DIR</c> when set, else <c>../shared</c> beside the repository root.</summary>
    private static string SharedCandidate
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(SharedVariable);
            return string.IsNullOrEmpty(fromEnv) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : fromEnv;
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
