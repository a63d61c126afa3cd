namespace Lem.Testing;

/// <summary>
/// What a test needs from outside the repository — the shared reference data (<see cref="RepoPaths.Shared"/>) and
/// native libraries (<see cref="NativeLibraries"/>) — and whether their absence skips the test or fails it.
/// </summary>
/// <remarks>
/// Without <c>LEM_REQUIRE_SHARED=1</c> a test whose requirement is missing is skipped with a message naming what is
/// missing and how to get it; with it (as <c>.ci/run</c> sets) the test fails with that message, so CI can never skip
/// these tests silently. See <c>docs/testing.md</c>.
/// </remarks>
public static class TestRequirements
{
    /// <summary>The environment variable that turns missing requirements from skips into failures (value <c>1</c>).</summary>
    public const string RequireVariable = "LEM_REQUIRE_SHARED";

    /// <summary>True when <c>LEM_REQUIRE_SHARED=1</c>: missing shared data or native libraries fail the tests that need them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>What is missing of the given requirements, as one message, or null when everything is there.</summary>
    /// <param name="needsShared">Whether the shared reference data folder is needed.</param>
    /// <param name="nativeLibraries">Short names of the native libraries needed (<see cref="NativeLibraries.Klu"/>, <see cref="NativeLibraries.Ipopt"/>).</param>
    public static string? Missing(bool needsShared, IReadOnlyList<string> nativeLibraries)
    {
        ArgumentNullException.ThrowIfNull(nativeLibraries);
        var problems = new List<string>();
        if (needsShared && RepoPaths.SharedProblem is { } shared)
        {
            problems.Add(shared);
        }

        problems.AddRange(nativeLibraries.Select(NativeLibraries.Problem).OfType<string>());
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>The skip reason for a test with these requirements: null when they are met or when <see cref="IsRequired"/>.</summary>
    public static string? SkipReason(bool needsShared, IReadOnlyList<string> nativeLibraries) =>
        IsRequired ? null : Missing(needsShared, nativeLibraries) is { } missing ? $"{missing} (skipped; {RequireVariable}=1 makes this a failure)" : null;

    /// <summary>The failure message for a test with these requirements when <see cref="IsRequired"/>, or null.</summary>
    public static string? FailureReason(bool needsShared, IReadOnlyList<string> nativeLibraries) =>
        IsRequired && Missing(needsShared, nativeLibraries) is { } missing ? $"{missing} {RequireVariable}=1 requires it, so this test fails instead of being skipped." : null;
}
