namespace Lem.Optimization.Ipopt;

/// <summary>Where the Ipopt interior-point library comes from, and whether it can be loaded on this machine.</summary>
/// <remarks>
/// From code in the namespace <c>Lem.Optimization</c> the name <c>Ipopt</c> means this namespace; write
/// <c>Lem.Optimization.Ipopt.Ipopt.IsAvailable</c> there (or use an alias).
/// </remarks>
public static class Ipopt
{
    /// <summary>The shared library file loaded by the bindings (Ipopt 3.11 from Debian; the bare <c>libipopt.so</c> exists only with the -dev package).</summary>
    public const string LibraryName = "libipopt.so.1";

    /// <summary>The Debian package that provides <see cref="LibraryName"/>.</summary>
    public const string DebianPackage = "coinor-libipopt1v5";

    private static readonly Lazy<bool> Available = new(Probe);

    /// <summary>Whether <see cref="LibraryName"/> can be loaded and exports the C interface the bindings use.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The message explaining how to install the library when it is missing.</summary>
    public static string UnavailableMessage =>
        $"The Ipopt interior-point solver ({LibraryName}) could not be loaded; the ipopt back end (AC OPF, cones, nonlinear constraints) needs it. " +
        $"Install the Debian package {DebianPackage} (sudo apt-get install -y {DebianPackage}) or run scripts/setup.sh as root.";

    /// <summary>Throws when the library cannot be loaded.</summary>
    /// <exception cref="SolverUnavailableException">When <see cref="LibraryName"/> is missing, with <see cref="UnavailableMessage"/>.</exception>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new SolverUnavailableException(UnavailableMessage);
        }
    }

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(Ipopt).Assembly, DllImportSearchPath.SafeDirectories, out var handle))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(handle, "CreateIpoptProblem", out _) &&
               NativeLibrary.TryGetExport(handle, "FreeIpoptProblem", out _) &&
               NativeLibrary.TryGetExport(handle, "AddIpoptStrOption", out _) &&
               NativeLibrary.TryGetExport(handle, "AddIpoptNumOption", out _) &&
               NativeLibrary.TryGetExport(handle, "AddIpoptIntOption", out _) &&
               NativeLibrary.TryGetExport(handle, "SetIntermediateCallback", out _) &&
               NativeLibrary.TryGetExport(handle, "IpoptSolve", out _);
    }
}
