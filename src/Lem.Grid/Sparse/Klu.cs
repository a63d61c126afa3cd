using System.Runtime.InteropServices;

namespace Lem.Grid.Sparse;

/// <summary>Where the SuiteSparse KLU sparse LU library comes from, and whether it can be loaded on this machine.</summary>
public static class Klu
{
    /// <summary>The shared library file loaded by the bindings.</summary>
    public const string LibraryName = "libklu.so.1";

    /// <summary>The Debian package that provides <see cref="LibraryName"/>.</summary>
    public const string DebianPackage = "libklu1";

    private static readonly Lazy<bool> Available = new(Probe);

    /// <summary>Whether <see cref="LibraryName"/> can be loaded and exports the routines the bindings use.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The message explaining how to install the library when it is missing.</summary>
    public static string UnavailableMessage =>
        $"The SuiteSparse KLU sparse solver ({LibraryName}) could not be loaded; the Newton-Raphson power flow needs it. " +
        $"Install the Debian package {DebianPackage} (sudo apt-get install -y {DebianPackage}) or run scripts/setup.sh as root.";

    /// <summary>Throws when the library cannot be loaded.</summary>
    /// <exception cref="DllNotFoundException">When <see cref="LibraryName"/> is missing, with <see cref="UnavailableMessage"/>.</exception>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new DllNotFoundException(UnavailableMessage);
        }
    }

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(Klu).Assembly, DllImportSearchPath.SafeDirectories, out var handle))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(handle, "klu_defaults", out _) &&
               NativeLibrary.TryGetExport(handle, "klu_analyze", out _) &&
               NativeLibrary.TryGetExport(handle, "klu_refactor", out _) &&
               NativeLibrary.TryGetExport(handle, "klu_rcond", out _);
    }
}
