namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// A reader of one three-phase network format (docs/three-phase.md, "Import"), registered in
/// <see cref="ThreePhaseImporters"/>. Never throws for bad content: problems come back as errors.
/// </summary>
public interface IThreePhaseNetworkImporter
{
    /// <summary>The format's short name, e.g. <c>ieee-eu-lv</c>, <c>pgm</c>, <c>pandapower</c>.</summary>
    string Name { get; }

    /// <summary>A one-line description for help texts.</summary>
    string Description { get; }

    /// <summary>
    /// True when <paramref name="path"/> (a file or folder) is in this format and describes a three-phase network
    /// (<c>lem pf</c> then solves it on three phases). A folder format checks its files; a single-file format checks
    /// the file's head and that it reads without errors.
    /// </summary>
    bool Recognises(string path);

    /// <summary>Reads the network at <paramref name="path"/>; <paramref name="options"/> matter only to formats with load profiles.</summary>
    ThreePhaseNetworkImport Read(string path, ThreePhaseImportOptions options);
}
