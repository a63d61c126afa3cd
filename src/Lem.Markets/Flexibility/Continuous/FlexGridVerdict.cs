namespace Lem.Markets.Flexibility.Continuous;

/// <summary>What the grid check lets through for one match: the activation factor, and the limit the wanted factor would violate.</summary>
/// <param name="ActivationFactor">The largest allowed activation factor (0 when refused).</param>
/// <param name="ViolationKind">The kind of the limit the wanted volume violates, or null.</param>
/// <param name="ViolatedElement">The branch or bus, or null.</param>
internal sealed record FlexGridVerdict(double ActivationFactor, string? ViolationKind, string? ViolatedElement);
