namespace Lem.Optimization.Ipopt;

/// <summary>
/// P/Invoke declarations of Ipopt's C interface (<c>coin/IpStdCInterface.h</c> of Ipopt 3.11: Number = double,
/// Index = Int = Bool = int). Callbacks are unmanaged cdecl function pointers; they return 1 (TRUE) on success.
/// </summary>
internal static unsafe class IpoptNative
{
    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern IntPtr CreateIpoptProblem(
        int n,
        double* xL,
        double* xU,
        int m,
        double* gL,
        double* gU,
        int nonZerosJacobian,
        int nonZerosHessian,
        int indexStyle,
        delegate* unmanaged[Cdecl]<int, double*, int, double*, IntPtr, int> evalF,
        delegate* unmanaged[Cdecl]<int, double*, int, int, double*, IntPtr, int> evalG,
        delegate* unmanaged[Cdecl]<int, double*, int, double*, IntPtr, int> evalGradF,
        delegate* unmanaged[Cdecl]<int, double*, int, int, int, int*, int*, double*, IntPtr, int> evalJacG,
        delegate* unmanaged[Cdecl]<int, double*, int, double, int, double*, int, int, int*, int*, double*, IntPtr, int> evalH);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern void FreeIpoptProblem(IntPtr problem);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int AddIpoptStrOption(IntPtr problem, byte* keyword, byte* value);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int AddIpoptNumOption(IntPtr problem, byte* keyword, double value);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int AddIpoptIntOption(IntPtr problem, byte* keyword, int value);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int SetIntermediateCallback(
        IntPtr problem,
        delegate* unmanaged[Cdecl]<int, int, double, double, double, double, double, double, double, double, int, IntPtr, int> intermediate);

    [DllImport(Ipopt.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int IpoptSolve(
        IntPtr problem,
        double* x,
        double* g,
        double* objectiveValue,
        double* multipliersG,
        double* multipliersLower,
        double* multipliersUpper,
        IntPtr userData);
}
