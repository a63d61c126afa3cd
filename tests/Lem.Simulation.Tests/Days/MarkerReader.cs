using System.Text.Json;
using Lem.Simulation.Days;

namespace Lem.Simulation.Tests.Days;

/// <summary>A test reader of files with a "synthetic" key that reports a marker error.</summary>
internal sealed class MarkerReader : IDaySourceReader
{
    public string Name => "test-marker";

    public bool CanRead(JsonElement root) => root.TryGetProperty("synthetic", out _);

    public DaySourceLoad Read(string path) => new(null, [new Lem.Domain.Validation.ValidationError(path, "test.marker", "read by the marker reader")]);
}
