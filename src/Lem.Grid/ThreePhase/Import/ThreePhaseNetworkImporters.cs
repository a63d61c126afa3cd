namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// The registry of three-phase network formats (docs/three-phase.md, "Import"): <c>lem pf</c> asks it whether a path
/// is a three-phase network and reads it. A new format is one <see cref="Register"/> line in the static constructor.
/// </summary>
public static class ThreePhaseNetworkImporters
{
    private static readonly List<IThreePhaseNetworkImporter> Registered = [];
    private static readonly Lock Gate = new();

    static ThreePhaseNetworkImporters()
    {
        Register(new IeeeEuropeanLv.IeeeEuropeanLvImporter());
        Register(new RegisteredReadersImporter());
    }

    /// <summary>The registered formats, in registration order.</summary>
    public static IReadOnlyList<IThreePhaseNetworkImporter> All
    {
        get
        {
            lock (Gate)
            {
                return [.. Registered];
            }
        }
    }

    /// <summary>Adds a format; a format of the same name is replaced.</summary>
    public static void Register(IThreePhaseNetworkImporter importer)
    {
        ArgumentNullException.ThrowIfNull(importer);
        lock (Gate)
        {
            Registered.RemoveAll(i => i.Name == importer.Name);
            Registered.Add(importer);
        }
    }

    /// <summary>The first registered format that recognises <paramref name="path"/>, or null.</summary>
    public static IThreePhaseNetworkImporter? Find(string path) => All.FirstOrDefault(i => i.Recognises(path));
}
