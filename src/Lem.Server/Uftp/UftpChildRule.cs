namespace Lem.Server.Uftp;

/// <summary>One child element in an element's sequence: its rule and whether at least one must be present (the count is unbounded).</summary>
/// <param name="Element">The child element's rule.</param>
/// <param name="Required">True for <c>minOccurs="1"</c>, false for <c>minOccurs="0"</c>.</param>
internal sealed record UftpChildRule(UftpElementRule Element, bool Required);
