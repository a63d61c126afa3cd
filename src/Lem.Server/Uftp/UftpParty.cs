namespace Lem.Server.Uftp;

/// <summary>A UFTP participant: its Internet domain and its USEF role (<c>AGR</c>, <c>CRO</c> or <c>DSO</c>).</summary>
/// <param name="Domain">The Internet domain, e.g. <c>agr.example.com</c>.</param>
/// <param name="Role">The USEF role.</param>
internal readonly record struct UftpParty(string Domain, string Role);
