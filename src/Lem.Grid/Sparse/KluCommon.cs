using System.Runtime.InteropServices;

namespace Lem.Grid.Sparse;

/// <summary>
/// A field-for-field mirror of SuiteSparse KLU's <c>klu_common</c> (SuiteSparse 5.x, <c>suitesparse/klu.h</c>): control
/// parameters and statistics passed to every KLU call. It is 160 bytes on 64-bit platforms; fill it with
/// <c>klu_defaults</c> before use.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct KluCommon
{
    /// <summary>The partial-pivoting tolerance for the diagonal preference (default 0.001).</summary>
    public double Tol;

    /// <summary>The growth factor when the LU factors are reallocated (default 1.2).</summary>
    public double MemGrow;

    /// <summary>The initial memory size with AMD, as a multiple of nnz(L) (default 1.2).</summary>
    public double InitMemAmd;

    /// <summary>The initial memory size, as a multiple of nnz(A) (default 10).</summary>
    public double InitMem;

    /// <summary>The work limit of the BTF pre-ordering; zero or negative means no limit.</summary>
    public double MaxWork;

    /// <summary>Whether the BTF (block triangular form) pre-ordering is used (1 by default).</summary>
    public int Btf;

    /// <summary>The fill-reducing ordering: 0 AMD (default), 1 COLAMD, 2 the user's P and Q, 3 a user function.</summary>
    public int Ordering;

    /// <summary>The row scaling: −1 none without checks, 0 none, 1 sum, 2 max (default).</summary>
    public int Scale;

    /// <summary>The user ordering function pointer (unused here, null).</summary>
    public IntPtr UserOrder;

    /// <summary>The user data passed to the user ordering function (unused here, null).</summary>
    public IntPtr UserData;

    /// <summary>Whether factorisation stops at the first zero pivot (1 by default).</summary>
    public int HaltIfSingular;

    /// <summary>The status of the last call: 0 OK, 1 singular, negative on errors.</summary>
    public int Status;

    /// <summary>The number of reallocations of L and U.</summary>
    public int NRealloc;

    /// <summary>The structural rank found by the BTF pre-ordering (n when full, −1 when not computed).</summary>
    public int StructuralRank;

    /// <summary>The first column at which a zero pivot was found (n when none, −1 when not computed).</summary>
    public int NumericalRank;

    /// <summary>The column of the original matrix with a zero pivot (n when none, −1 when not computed).</summary>
    public int SingularCol;

    /// <summary>The number of off-diagonal pivots chosen (−1 when not computed).</summary>
    public int NOffDiag;

    /// <summary>The flop count of the factorisation, from <c>klu_flops</c>.</summary>
    public double Flops;

    /// <summary>The crude reciprocal condition estimate min|U_kk|/max|U_kk|, from <c>klu_rcond</c>.</summary>
    public double RCond;

    /// <summary>The accurate condition estimate, from <c>klu_condest</c>.</summary>
    public double Condest;

    /// <summary>The reciprocal pivot growth, from <c>klu_rgrowth</c>.</summary>
    public double RGrowth;

    /// <summary>The work done by the BTF pre-ordering in <c>klu_analyze</c>.</summary>
    public double Work;

    /// <summary>The current memory usage in bytes.</summary>
    public nuint MemUsage;

    /// <summary>The peak memory usage in bytes.</summary>
    public nuint MemPeak;
}
