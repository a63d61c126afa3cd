using Xunit;
using Xunit.Sdk;

namespace Lem.Testing;

/// <summary>
/// A fact that loads native libraries (<see cref="NativeLibraries"/>). When one cannot be loaded it is skipped with a
/// message naming the Debian package, except with <c>LEM_REQUIRE_SHARED=1</c>, where it fails with that message
/// (<see cref="TestRequirements"/>).
/// </summary>
[XunitTestCaseDiscoverer("Lem.Testing.RequirementsFactDiscoverer", "Lem.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NativeFactAttribute : FactAttribute, IRequirementsAttribute
{
    /// <summary>Marks a test that needs the native libraries named (<see cref="NativeLibraries.Klu"/>, <see cref="NativeLibraries.Ipopt"/>).</summary>
    public NativeFactAttribute(params string[] libraries)
    {
        ArgumentNullException.ThrowIfNull(libraries);
        if (libraries.Length == 0)
        {
            throw new ArgumentException("Name at least one native library.", nameof(libraries));
        }

        NativeLibraryNames = libraries;
        Skip = TestRequirements.SkipReason(NeedsShared, NativeLibraryNames);
    }

    /// <inheritdoc />
    public bool NeedsShared => false;

    /// <inheritdoc />
    public IReadOnlyList<string> NativeLibraryNames { get; }
}
