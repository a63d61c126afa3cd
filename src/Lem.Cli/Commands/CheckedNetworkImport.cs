using Lem.Grid.Topology;

namespace Lem.Cli.Commands;

/// <summary>
/// The import step of <c>lem pf</c> and <c>lem opf</c>: a MATPOWER or pandapower network file read by
/// <see cref="GridImporter"/> and, when it reads cleanly, checked by <see cref="GridTopology.Validate"/> (errors located
/// by the file's name).
/// </summary>
internal static class CheckedNetworkImport
{
    /// <summary>Imports and checks the network at <paramref name="path"/>.</summary>
    /// <param name="path">The network file.</param>
    /// <param name="errors">The import errors or, when there are none, the topology errors; empty when the network can be used.</param>
    /// <returns>The network, or null when <paramref name="errors"/> is not empty.</returns>
    public static GridNetwork? Import(string path, out IReadOnlyList<ValidationError> errors) => Import(path, out errors, out _);

    /// <summary>Imports and checks the network at <paramref name="path"/>, also counting its asymmetric elements (<see cref="GridImportResult.AsymmetricElements"/>).</summary>
    /// <param name="path">The network file.</param>
    /// <param name="errors">The import errors or, when there are none, the topology errors; empty when the network can be used.</param>
    /// <param name="asymmetricElements">The asymmetric elements the file holds, which the balanced network cannot represent faithfully.</param>
    /// <returns>The network, or null when <paramref name="errors"/> is not empty.</returns>
    public static GridNetwork? Import(string path, out IReadOnlyList<ValidationError> errors, out int asymmetricElements)
    {
        var import = GridImporter.Import(path);
        asymmetricElements = import.AsymmetricElements;
        var found = import.Errors.ToList();
        if (import.Network is not null && found.Count == 0)
        {
            found.AddRange(GridTopology.Validate(import.Network, Path.GetFileName(path)));
        }

        errors = found;
        return found.Count == 0 ? import.Network : null;
    }
}
