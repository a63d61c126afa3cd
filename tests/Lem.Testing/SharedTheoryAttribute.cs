using Xunit;
using Xunit.Sdk;

namespace Lem.Testing;

/// <summary>
/// A theory that reads the shared reference data (<see cref="RepoPaths.Shared"/>, <c>../shared</c> or
/// <c>LEM_SHARED_DIR</c>) and possibly loads native libraries. When something is missing it is skipped with a message
/// saying what, except with <c>LEM_REQUIRE_SHARED=1</c>, where it fails with that message (<see cref="TestRequirements"/>).
/// </summary>
[XunitTestCaseDiscoverer("Lem.Testing.RequirementsTheoryDiscoverer", "Lem.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedTheoryAttribute : TheoryAttribute, IRequirementsAttribute
{
    /// <summary>Marks a test that needs the shared data and the native libraries named (<see cref="NativeLibraries.Klu"/>, <see cref="NativeLibraries.Ipopt"/>).</summary>
    public SharedTheoryAttribute(params string[] nativeLibraries)
    {
        NativeLibraryNames = nativeLibraries;
        Skip = TestRequirements.SkipReason(NeedsShared, NativeLibraryNames);
    }

    /// <inheritdoc />
    public bool NeedsShared => true;

    /// <inheritdoc />
    public IReadOnlyList<string> NativeLibraryNames { get; }
}
