namespace Lem.Server.Uftp;

/// <summary>One OfferOption of a FlexOffer.</summary>
/// <param name="Reference">Its OptionReference.</param>
/// <param name="PriceEur">Its price for the whole option at activation factor 1.</param>
/// <param name="MinActivationFactor">The smallest activation factor (1.00 when absent).</param>
/// <param name="Isps">The offered power per ISP.</param>
internal sealed record UftpOfferOption(string Reference, decimal PriceEur, decimal MinActivationFactor, IReadOnlyList<UftpIsp> Isps);
