namespace Lem.Server.Uftp;

/// <summary>The UFTP endpoint's market-wide settings (docs/uftp.md): Lem's domain as the DSO, the ISP length, the time zone and the currency.</summary>
public sealed record UftpOptions
{
    /// <summary>Lem's Internet domain as the DSO: the <c>RecipientDomain</c> of every message it accepts.</summary>
    public string Domain { get; init; } = "dso.lem.local";

    /// <summary>The ISP length in minutes (the messages' <c>ISP-Duration</c>).</summary>
    public int IspMinutes { get; init; } = 15;

    /// <summary>The time zone of the periods (the messages' <c>TimeZone</c>).</summary>
    public string TimeZone { get; init; } = "Europe/Amsterdam";

    /// <summary>The currency of offers, orders and settlements.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>
    /// Senders registered at start: each <c>domain role key</c> (role AGR or CRO; key a CS1 key string or the base64 of a
    /// 32-byte Ed25519 key); more can be registered with <c>POST /v1/uftp/senders</c>.
    /// </summary>
    public IReadOnlyList<string> Senders { get; init; } = [];
}
