namespace Lem.Optimization.Highs;

/// <summary>
/// The HiGHS C API (<c>highs_c_api.h</c>) of the <c>libhighs</c> shipped in the Google.OrTools runtime packages,
/// loaded once per process and called through unmanaged function pointers.
/// </summary>
/// <remarks>
/// No <see cref="NativeLibrary.SetDllImportResolver"/> is installed: an assembly can have only one resolver and
/// other back ends of this assembly may need theirs. The library is located with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>
/// over the runtime's own probing paths (deps.json), the application folder, this assembly's folder and their
/// <c>runtimes/&lt;rid&gt;/native</c> subfolders; <c>LEM_HIGHS_LIBRARY</c> may name the file explicitly.
/// </remarks>
internal sealed unsafe class HighsNative
{
    /// <summary>The environment variable that may give the full path of the HiGHS library.</summary>
    internal const string PathVariable = "LEM_HIGHS_LIBRARY";

    /// <summary>The NuGet package family whose runtime packages ship the library.</summary>
    internal const string PackageName = "Google.OrTools";

    private static readonly Lazy<HighsNative> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _failure;

    private HighsNative(string failure) => _failure = failure;

    private HighsNative(IntPtr handle, string path)
    {
        LibraryPath = path;
        Create = (delegate* unmanaged[Cdecl]<IntPtr>)Export(handle, "Highs_create");
        Destroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(handle, "Highs_destroy");
        VersionString = (delegate* unmanaged[Cdecl]<byte*>)Export(handle, "Highs_version");
        SizeofHighsInt = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "Highs_getSizeofHighsInt");
        SetBoolOption = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int>)Export(handle, "Highs_setBoolOptionValue");
        SetIntOption = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int>)Export(handle, "Highs_setIntOptionValue");
        SetDoubleOption = (delegate* unmanaged[Cdecl]<IntPtr, byte*, double, int>)Export(handle, "Highs_setDoubleOptionValue");
        SetStringOption = (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, int>)Export(handle, "Highs_setStringOptionValue");
        PassModel = (delegate* unmanaged[Cdecl]<IntPtr, int, int, int, int, int, int, int, double, double*, double*, double*, double*, double*, int*, int*, double*, int*, int*, double*, int*, int>)
            Export(handle, "Highs_passModel");
        Run = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "Highs_run");
        GetModelStatus = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "Highs_getModelStatus");
        GetSolution = (delegate* unmanaged[Cdecl]<IntPtr, double*, double*, double*, double*, int>)Export(handle, "Highs_getSolution");
        GetDoubleInfo = (delegate* unmanaged[Cdecl]<IntPtr, byte*, double*, int>)Export(handle, "Highs_getDoubleInfoValue");
        GetIntInfo = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int*, int>)Export(handle, "Highs_getIntInfoValue");
        GetInt64Info = (delegate* unmanaged[Cdecl]<IntPtr, byte*, long*, int>)Export(handle, "Highs_getInt64InfoValue");
        SetBasis = (delegate* unmanaged[Cdecl]<IntPtr, int*, int*, int>)Export(handle, "Highs_setBasis");
        GetBasis = (delegate* unmanaged[Cdecl]<IntPtr, int*, int*, int>)Export(handle, "Highs_getBasis");
        Version = Marshal.PtrToStringUTF8((IntPtr)VersionString()) ?? "unknown";
    }

    /// <summary>Highs_create.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr> Create { get; }

    /// <summary>Highs_destroy.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, void> Destroy { get; }

    /// <summary>Highs_version.</summary>
    internal delegate* unmanaged[Cdecl]<byte*> VersionString { get; }

    /// <summary>Highs_getSizeofHighsInt.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int> SizeofHighsInt { get; }

    /// <summary>Highs_setBoolOptionValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int> SetBoolOption { get; }

    /// <summary>Highs_setIntOptionValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int> SetIntOption { get; }

    /// <summary>Highs_setDoubleOptionValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, double, int> SetDoubleOption { get; }

    /// <summary>Highs_setStringOptionValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, int> SetStringOption { get; }

    /// <summary>
    /// Highs_passModel(highs, num_col, num_row, num_nz, q_num_nz, a_format, q_format, sense, offset, col_cost,
    /// col_lower, col_upper, row_lower, row_upper, a_start, a_index, a_value, q_start, q_index, q_value, integrality).
    /// </summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int, int, int, int, int, int, int, double, double*, double*, double*, double*, double*, int*, int*, double*, int*, int*, double*, int*, int> PassModel { get; }

    /// <summary>Highs_run.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int> Run { get; }

    /// <summary>Highs_getModelStatus.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int> GetModelStatus { get; }

    /// <summary>Highs_getSolution(highs, col_value, col_dual, row_value, row_dual).</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, double*, double*, double*, double*, int> GetSolution { get; }

    /// <summary>Highs_getDoubleInfoValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, double*, int> GetDoubleInfo { get; }

    /// <summary>Highs_getIntInfoValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, int*, int> GetIntInfo { get; }

    /// <summary>Highs_getInt64InfoValue.</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, long*, int> GetInt64Info { get; }

    /// <summary>Highs_setBasis(highs, col_status, row_status).</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int*, int*, int> SetBasis { get; }

    /// <summary>Highs_getBasis(highs, col_status, row_status).</summary>
    internal delegate* unmanaged[Cdecl]<IntPtr, int*, int*, int> GetBasis { get; }

    /// <summary>The full path of the loaded library.</summary>
    internal string LibraryPath { get; } = "";

    /// <summary>The HiGHS version string ("1.12.0").</summary>
    internal string Version { get; } = "";

    /// <summary>Whether the library is loaded and usable.</summary>
    internal static bool IsAvailable => Instance.Value._failure is null;

    /// <summary>Why the library is not usable, or null when it is.</summary>
    internal static string? Failure => Instance.Value._failure;

    /// <summary>The loaded library, or a <see cref="SolverUnavailableException"/> naming what is missing.</summary>
    internal static HighsNative Get()
    {
        var api = Instance.Value;
        return api._failure is null ? api : throw new SolverUnavailableException(api._failure);
    }

    /// <summary>The file name of the library on this operating system.</summary>
    internal static string FileName =>
        OperatingSystem.IsWindows() ? "highs.dll" : OperatingSystem.IsMacOS() ? "libhighs.1.dylib" : "libhighs.so.1";

    /// <summary>The runtime identifier of the NuGet runtime package folder for this process (<c>linux-x64</c>).</summary>
    internal static string RuntimeId
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return $"{os}-{arch}";
        }
    }

    private static HighsNative Load()
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            var handle = IntPtr.Zero;
            var loaded = Path.IsPathRooted(candidate)
                ? File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle)
                : NativeLibrary.TryLoad(candidate, typeof(HighsNative).Assembly, null, out handle);
            if (!loaded)
            {
                continue;
            }

            try
            {
                var api = new HighsNative(handle, Path.IsPathRooted(candidate) ? candidate : $"{candidate} (runtime probing)");
                var highs = api.Create();
                if (highs == IntPtr.Zero)
                {
                    return new HighsNative($"HiGHS library '{candidate}' was loaded but Highs_create returned NULL.");
                }

                try
                {
                    var size = api.SizeofHighsInt(highs);
                    if (size != sizeof(int))
                    {
                        return new HighsNative(
                            $"HiGHS library '{candidate}' uses {size}-byte HighsInt; Lem's bindings need the 4-byte build shipped in the {PackageName} runtime packages.");
                    }
                }
                finally
                {
                    api.Destroy(highs);
                }

                return api;
            }
            catch (EntryPointNotFoundException e)
            {
                return new HighsNative($"HiGHS library '{candidate}' lacks an entry point Lem needs ({e.Message}); use the HiGHS 1.12 build shipped in {PackageName} 9.15.");
            }
        }

        return new HighsNative(
            $"The HiGHS solver library {FileName} could not be loaded. It comes with the NuGet package {PackageName}.runtime.{RuntimeId} " +
            $"(a dependency of {PackageName}), which copies it to runtimes/{RuntimeId}/native/ beside the application; " +
            $"restore and build again, or set {PathVariable} to its full path. Tried: {string.Join(", ", tried)}.");
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            yield return Path.GetFullPath(fromEnv);
        }

        var file = FileName;
        var folders = new List<string>();
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(HighsNative).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(folder))
            {
                continue;
            }

            var normalised = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (!folders.Contains(normalised, StringComparer.Ordinal))
            {
                folders.Add(normalised);
            }
        }

        foreach (var folder in folders)
        {
            yield return Path.GetFullPath(Path.Combine(folder, "runtimes", RuntimeId, "native", file));
            yield return Path.GetFullPath(Path.Combine(folder, file));
        }

        // The runtime's own probing (native search directories from deps.json, then the system loader).
        yield return file;
    }

    private static IntPtr Export(IntPtr handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? address : throw new EntryPointNotFoundException(name);
}
