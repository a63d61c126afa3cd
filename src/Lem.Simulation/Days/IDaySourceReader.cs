using System.Text.Json;

namespace Lem.Simulation.Days;

/// <summary>
/// Opens a file as a day source (docs/simulation.md#day-sources). Readers are registered in <see cref="DaySources"/>;
/// the first whose <see cref="CanRead"/> accepts the file's JSON opens it.
/// </summary>
public interface IDaySourceReader
{
    /// <summary>A short name (e.g. <c>scenario</c>, <c>synthetic</c>).</summary>
    string Name { get; }

    /// <summary>Whether this reader reads a file whose top-level JSON object is <paramref name="root"/>.</summary>
    bool CanRead(JsonElement root);

    /// <summary>Opens <paramref name="path"/>; every problem comes back in the result, never as an exception.</summary>
    DaySourceLoad Read(string path);
}
