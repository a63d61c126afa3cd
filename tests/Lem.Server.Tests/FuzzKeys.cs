namespace Lem.Server.Tests;

/// <summary>The API keys of the fuzz test's participants: two plain participants, one that must sign its orders, and a DSO.</summary>
internal sealed record FuzzKeys(string Alice, string Bob, string Signer, string Dso);
