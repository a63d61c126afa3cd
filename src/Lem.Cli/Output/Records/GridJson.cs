namespace Lem.Cli.Output.Records;

/// <summary><c>lem grid --format json</c>: a network file's summary.</summary>
/// <param name="File">The network file as given.</param>
/// <param name="Name">The network's name.</param>
/// <param name="Format">matpower or pandapower.</param>
/// <param name="BaseMva">The base power, MVA.</param>
/// <param name="Buses">Buses.</param>
/// <param name="BusesInService">Buses in service.</param>
/// <param name="Lines">Lines.</param>
/// <param name="LinesInService">Lines in service.</param>
/// <param name="Transformers">Transformers.</param>
/// <param name="Branches">Lines and transformers.</param>
/// <param name="Loads">Loads.</param>
/// <param name="StaticGenerators">Static generators.</param>
/// <param name="Generators">Generators.</param>
/// <param name="Shunts">Shunts.</param>
/// <param name="Switches">Switches.</param>
/// <param name="TotalLoadMw">Total active load, MW.</param>
/// <param name="TotalLoadMvar">Total reactive load, Mvar.</param>
/// <param name="VoltageLevelsKv">The nominal voltages, kV, highest first.</param>
/// <param name="SlackBuses">The slack buses.</param>
/// <param name="Islands">Islands.</param>
/// <param name="Radial">Whether the network is radial.</param>
/// <param name="UnreachableBuses">Buses not reachable from a slack.</param>
/// <param name="Warnings">Notes from the import.</param>
public sealed record GridJson(
    string File,
    string Name,
    string Format,
    double BaseMva,
    int Buses,
    int BusesInService,
    int Lines,
    int LinesInService,
    int Transformers,
    int Branches,
    int Loads,
    int StaticGenerators,
    int Generators,
    int Shunts,
    int Switches,
    double TotalLoadMw,
    double TotalLoadMvar,
    IReadOnlyList<double> VoltageLevelsKv,
    IReadOnlyList<string> SlackBuses,
    int Islands,
    bool Radial,
    int UnreachableBuses,
    IReadOnlyList<string> Warnings);
