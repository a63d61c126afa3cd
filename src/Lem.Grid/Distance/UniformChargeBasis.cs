namespace Lem.Grid.Distance;

/// <summary>Uniform (postage-stamp) charge c_nm = γ for every trade, wherever the partners are; needs no grid.</summary>
public sealed record UniformChargeBasis : NetworkChargeBasis;
