namespace Lem.Benchmarks;

/// <summary>Finds the shared reference grids (LEM_SHARED_DIR/data/grids or shared/data/grids above the working folder).</summary>
public static class SharedGrids
{
    /// <summary>A path below the reference grids folder.</summary>
    public static string Path(params string[] parts)
    {
        var env = Environment.GetEnvironmentVariable("LEM_SHARED_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            return System.IO.Path.Combine([env, "data", "grids", .. parts]);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", "grids");
            if (Directory.Exists(candidate))
            {
                return System.IO.Path.Combine([candidate, .. parts]);
            }
        }

        throw new DirectoryNotFoundException("shared/data/grids not found; set LEM_SHARED_DIR.");
    }
}
