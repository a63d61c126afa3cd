namespace Lem.Server.Uftp;

/// <summary>One attribute an element of the UFTP schema may carry.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Type">Its simple type.</param>
/// <param name="Required">Whether it must be present.</param>
internal sealed record UftpAttributeRule(string Name, UftpValueType Type, bool Required);
