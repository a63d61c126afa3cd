namespace Lem.Grid.Sparse;

/// <summary>The outcome of a KLU factorisation, with KLU's own status codes.</summary>
public enum KluStatus
{
    /// <summary>The matrix was factorised.</summary>
    Ok = 0,

    /// <summary>The matrix is singular (a zero pivot, or a reciprocal condition estimate below the singularity threshold).</summary>
    Singular = 1,

    /// <summary>KLU ran out of memory.</summary>
    OutOfMemory = -2,

    /// <summary>KLU rejected its input as invalid.</summary>
    Invalid = -3,

    /// <summary>An integer overflow occurred inside KLU (the matrix is too large for 32-bit indices).</summary>
    TooLarge = -4,
}
