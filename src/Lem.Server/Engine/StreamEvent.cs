namespace Lem.Server.Engine;

/// <summary>An event for the live stream, published after the batch that caused it has committed.</summary>
/// <param name="Name">trade or gate_closure.</param>
/// <param name="Data">The event's JSON.</param>
internal sealed record StreamEvent(string Name, JsonObject Data);
