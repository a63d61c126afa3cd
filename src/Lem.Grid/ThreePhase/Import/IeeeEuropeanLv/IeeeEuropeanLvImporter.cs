namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>The IEEE European LV CSV package as a registered three-phase format (<see cref="ThreePhaseImporters"/>); steps are minutes.</summary>
public sealed class IeeeEuropeanLvImporter : IThreePhaseNetworkImporter
{
    /// <inheritdoc/>
    public string Name => "ieee-eu-lv";

    /// <inheritdoc/>
    public string Description => "IEEE PES European LV Test Feeder CSV package (a folder with Source, Transformer, LineCodes, Lines, Loads, LoadShapes and Load Profiles/)";

    /// <inheritdoc/>
    public bool Recognises(string path) => IeeeEuropeanLvReader.IsPackageFolder(path);

    /// <inheritdoc/>
    public ThreePhaseNetworkImport Read(string path, ThreePhaseImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = IeeeEuropeanLvReader.Read(path, options.Step ?? 1);
        if (read.Feeder is not { } feeder)
        {
            return new ThreePhaseNetworkImport(null, read.Errors, read.Warnings);
        }

        return new ThreePhaseNetworkImport(feeder.Network, read.Errors, read.Warnings)
        {
            LoadSeries = new ThreePhaseLoadSeries { Steps = feeder.Minutes, StepName = "minute", LoadsAt = feeder.LoadsAt },
        };
    }
}
