using System.Runtime.InteropServices;

namespace Lem.Grid.Sparse;

/// <summary>P/Invoke declarations of the real, double, 32-bit-index KLU routines of <c>libklu.so.1</c>.</summary>
internal static class KluNative
{
    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_defaults(ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern IntPtr klu_analyze(int n, int[] ap, int[] ai, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern IntPtr klu_factor(int[] ap, int[] ai, ref double ax, IntPtr symbolic, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_refactor(int[] ap, int[] ai, ref double ax, IntPtr symbolic, IntPtr numeric, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_solve(IntPtr symbolic, IntPtr numeric, int ldim, int nrhs, ref double b, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_rcond(IntPtr symbolic, IntPtr numeric, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_free_symbolic(ref IntPtr symbolic, ref KluCommon common);

    [DllImport(Klu.LibraryName, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    internal static extern int klu_free_numeric(ref IntPtr numeric, ref KluCommon common);
}
