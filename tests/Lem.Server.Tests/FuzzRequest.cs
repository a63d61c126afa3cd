namespace Lem.Server.Tests;

/// <summary>One generated request: what is sent, and whether a mutation guarantees that it must be refused.</summary>
internal sealed record FuzzRequest(HttpMethod Method, string Path, string? Authorization, byte[]? Body, string? ContentType, string? Accept, bool MustFail, string Description);
