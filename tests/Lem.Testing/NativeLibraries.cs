using System.Runtime.InteropServices;

namespace Lem.Testing;

/// <summary>
/// The native libraries some tests need, by short name, with the file loaded and the Debian package that provides it
/// (the same pairs as <c>scripts/setup.sh</c>, which installs them).
/// </summary>
public static class NativeLibraries
{
    /// <summary>SuiteSparse KLU (<c>libklu.so.1</c>), the sparse LU of the Newton-Raphson power flow.</summary>
    public const string Klu = "klu";

    /// <summary>Ipopt (<c>libipopt.so.1</c>), the interior-point solver of the AC OPF and nonlinear models.</summary>
    public const string Ipopt = "ipopt";

    private static readonly Dictionary<string, (string File, string Package)> Known = new(StringComparer.Ordinal)
    {
        [Klu] = ("libklu.so.1", "libklu1"),
        [Ipopt] = ("libipopt.so.1", "coinor-libipopt1v5"),
    };

    private static readonly Dictionary<string, bool> Loaded = new(StringComparer.Ordinal);

    /// <summary>The file name of a library (e.g. <c>libklu.so.1</c>).</summary>
    /// <exception cref="ArgumentException">The name is not one of the known libraries.</exception>
    public static string FileName(string name) => Entry(name).File;

    /// <summary>Whether the library can be loaded on this machine.</summary>
    /// <exception cref="ArgumentException">The name is not one of the known libraries.</exception>
    public static bool IsAvailable(string name)
    {
        var file = Entry(name).File;
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var available))
            {
                available = NativeLibrary.TryLoad(file, out _);
                Loaded[name] = available;
            }

            return available;
        }
    }

    /// <summary>Why the library is not usable, with the package to install, or null when it loads.</summary>
    /// <exception cref="ArgumentException">The name is not one of the known libraries.</exception>
    public static string? Problem(string name)
    {
        var (file, package) = Entry(name);
        return IsAvailable(name)
            ? null
            : $"The native library {file} cannot be loaded; install the Debian package {package} (scripts/setup.sh as root does).";
    }

    private static (string File, string Package) Entry(string name) =>
        Known.TryGetValue(name, out var entry)
            ? entry
            : throw new ArgumentException($"Unknown native library '{name}'; known are {string.Join(", ", Known.Keys)}.", nameof(name));
}
