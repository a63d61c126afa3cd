namespace Lem.Testing;

/// <summary>A fact or theory attribute that names what the test needs from outside the repository (<see cref="TestRequirements"/>).</summary>
public interface IRequirementsAttribute
{
    /// <summary>Whether the test reads the shared reference data (<see cref="RepoPaths.Shared"/>).</summary>
    bool NeedsShared { get; }

    /// <summary>The short names of the native libraries the test loads (<see cref="NativeLibraries"/>).</summary>
    IReadOnlyList<string> NativeLibraryNames { get; }
}
