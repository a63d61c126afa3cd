namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// The file formats of <see cref="ThreePhaseImporters"/> (power-grid-model JSON, pandapower) seen through
/// <see cref="ThreePhaseNetworkImporters"/>, so that <c>lem pf</c> finds every three-phase format in one place. A path
/// is recognised when one of those readers reads it without errors; the result is kept for the following
/// <see cref="Read"/>. These formats have no load profiles.
/// </summary>
public sealed class RegisteredReadersImporter : IThreePhaseNetworkImporter
{
    private readonly Lock _gate = new();
    private (string Path, ThreePhaseImportResult Result)? _last;

    /// <inheritdoc/>
    public string Name => "registered readers (" + string.Join(", ", ThreePhaseImporters.Formats) + ")";

    /// <inheritdoc/>
    public string Description => "three-phase files the registered readers read: " + string.Join(", ", ThreePhaseImporters.Formats);

    /// <inheritdoc/>
    public bool Recognises(string path) => File.Exists(path) && Import(path).Succeeded;

    /// <inheritdoc/>
    public ThreePhaseNetworkImport Read(string path, ThreePhaseImportOptions options)
    {
        var result = Import(path);
        return new ThreePhaseNetworkImport(result.Network, result.Errors, result.Warnings);
    }

    private ThreePhaseImportResult Import(string path)
    {
        lock (_gate)
        {
            if (_last is { } last && last.Path == path)
            {
                return last.Result;
            }

            var result = ThreePhaseImporters.Import(path);
            _last = (path, result);
            return result;
        }
    }
}
