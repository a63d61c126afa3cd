namespace Lem.Grid.ThreePhase.Import;

/// <summary>Placeholder replaced below.</summary>
public sealed class PandapowerThreePhaseReader : IThreePhaseNetworkReader
{
    /// <inheritdoc/>
    public string Format => "pandapower";

    /// <inheritdoc/>
    public bool CanRead(string path) => false;

    /// <inheritdoc/>
    public ThreePhaseImportResult Read(string path) => throw new NotSupportedException();
}
