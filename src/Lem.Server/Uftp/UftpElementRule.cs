namespace Lem.Server.Uftp;

/// <summary>
/// The structure of one element of the UFTP schema: its attributes and its child elements in sequence order (each
/// child element repeats without bound, as in every UFTP message). No other attributes or elements are allowed.
/// </summary>
/// <param name="Name">The element's name.</param>
/// <param name="Attributes">Its attributes.</param>
/// <param name="Children">Its child elements, in order.</param>
internal sealed record UftpElementRule(string Name, IReadOnlyList<UftpAttributeRule> Attributes, IReadOnlyList<UftpChildRule> Children);
