namespace Lem.Grid.ThreePhase.Import;

/// <summary>A reader of one three-phase network format, registered in <see cref="ThreePhaseImporters"/>.</summary>
public interface IThreePhaseNetworkReader
{
    /// <summary>The format's name on the command line (<c>pgm</c>, <c>pandapower</c>, …).</summary>
    string Format { get; }

    /// <summary>True when the file or folder at <paramref name="path"/> looks like this format.</summary>
    bool CanRead(string path);

    /// <summary>Reads the file or folder at <paramref name="path"/>; never throws for bad content.</summary>
    ThreePhaseImportResult Read(string path);
}
