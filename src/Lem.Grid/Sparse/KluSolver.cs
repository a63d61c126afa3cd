using System.Runtime.InteropServices;

namespace Lem.Grid.Sparse;

/// <summary>
/// A sparse LU solver for a real square matrix in compressed sparse column form, backed by SuiteSparse KLU: analyse the
/// sparsity pattern once, factorise, then refactorise with new values of the same pattern (reusing the pivot order) and
/// solve in place. Not thread-safe; each instance owns its native KLU objects and frees them on <see cref="Dispose"/>
/// (or, as a last resort, in its finaliser).
/// </summary>
public sealed class KluSolver : IDisposable
{
    private KluCommon _common;
    private IntPtr _symbolic;
    private IntPtr _numeric;
    private int[] _columnStarts = [];
    private int[] _rowIndices = [];
    private readonly double[] _emptyValues = new double[1];
    private double _rcondAtFullFactor;
    private bool _disposed;

    /// <summary>Creates a solver with KLU's default parameters.</summary>
    /// <exception cref="DllNotFoundException">When <c>libklu.so.1</c> is not installed (see <see cref="Klu.UnavailableMessage"/>).</exception>
    public KluSolver()
    {
        Klu.EnsureAvailable();
        if (KluNative.klu_defaults(ref _common) == 0)
        {
            throw new InvalidOperationException("klu_defaults failed.");
        }
    }

    /// <summary>Releases the native KLU objects if <see cref="Dispose"/> was not called.</summary>
    ~KluSolver()
    {
        Release();
    }

    /// <summary>The matrix dimension of the analysed pattern (0 before <see cref="Analyze"/>).</summary>
    public int Size { get; private set; }

    /// <summary>The number of stored entries of the analysed pattern.</summary>
    public int NonZeros { get; private set; }

    /// <summary>Whether a pattern has been analysed.</summary>
    public bool IsAnalyzed => _symbolic != IntPtr.Zero;

    /// <summary>Whether a valid factorisation is held, so that <see cref="Solve"/> may be called.</summary>
    public bool IsFactored => _numeric != IntPtr.Zero;

    /// <summary>KLU's crude reciprocal condition estimate min|U_kk|/max|U_kk| of the last factorisation (NaN before one).</summary>
    public double ReciprocalCondition { get; private set; } = double.NaN;

    /// <summary>The column of the original matrix with a zero pivot after a <see cref="KluStatus.Singular"/> result, else −1.</summary>
    public int SingularColumn { get; private set; } = -1;

    /// <summary>The number of full factorisations (pivot search) done.</summary>
    public int FullFactorizations { get; private set; }

    /// <summary>The number of successful refactorisations (pivot order reused).</summary>
    public int Refactorizations { get; private set; }

    /// <summary>
    /// A refactorisation is rejected, and a full factorisation done instead, when its reciprocal condition estimate falls
    /// below this fraction of the estimate of the last full factorisation (the old pivots have gone bad). Default 1e-3.
    /// </summary>
    public double RefactorRcondDropLimit { get; set; } = 1e-3;

    /// <summary>
    /// A factorisation whose reciprocal condition estimate is below this value is reported as
    /// <see cref="KluStatus.Singular"/> (numerically singular: the solution would be meaningless). Default 1e-14; 0 keeps
    /// KLU's exact-zero-pivot test only.
    /// </summary>
    public double SingularRcondThreshold { get; set; } = 1e-14;

    /// <summary>Analyses a sparsity pattern (fill-reducing ordering); discards any earlier pattern and factorisation.</summary>
    /// <param name="n">The matrix dimension.</param>
    /// <param name="columnStarts">Where each column starts in <paramref name="rowIndices"/>; length n + 1, starting at 0, non-decreasing.</param>
    /// <param name="rowIndices">The row of each stored entry, no duplicates within a column; at least columnStarts[n] long.</param>
    /// <exception cref="ArgumentException">When the pattern is malformed.</exception>
    /// <exception cref="OutOfMemoryException">When KLU runs out of memory.</exception>
    public void Analyze(int n, ReadOnlySpan<int> columnStarts, ReadOnlySpan<int> rowIndices)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (columnStarts.Length != n + 1 || columnStarts[0] != 0)
        {
            throw new ArgumentException($"The column starts must have n + 1 = {n + 1} entries, the first 0.", nameof(columnStarts));
        }

        for (var j = 0; j < n; j++)
        {
            if (columnStarts[j + 1] < columnStarts[j])
            {
                throw new ArgumentException($"The column starts decrease at column {j}.", nameof(columnStarts));
            }
        }

        var nnz = columnStarts[n];
        if (rowIndices.Length < nnz)
        {
            throw new ArgumentException($"The pattern has {nnz} entries but only {rowIndices.Length} row indices.", nameof(rowIndices));
        }

        for (var p = 0; p < nnz; p++)
        {
            if ((uint)rowIndices[p] >= (uint)n)
            {
                throw new ArgumentException($"Row index {rowIndices[p]} at entry {p} is outside 0..{n - 1}.", nameof(rowIndices));
            }
        }

        FreeNumeric();
        FreeSymbolic();
        _columnStarts = columnStarts.ToArray();
        _rowIndices = rowIndices[..nnz].ToArray();
        if (nnz == 0)
        {
            // KLU's marshalled arrays must not be empty; keep one dummy entry (never read, columnStarts[n] = 0).
            _rowIndices = [0];
        }

        Size = n;
        NonZeros = nnz;
        _symbolic = KluNative.klu_analyze(n, _columnStarts, _rowIndices, ref _common);
        if (_symbolic == IntPtr.Zero)
        {
            var status = (KluStatus)_common.Status;
            Size = 0;
            NonZeros = 0;
            if (status == KluStatus.OutOfMemory)
            {
                throw new OutOfMemoryException("KLU ran out of memory analysing the sparsity pattern.");
            }

            throw new ArgumentException($"KLU rejected the sparsity pattern (status {status}; duplicate row indices in a column?).", nameof(rowIndices));
        }
    }

    /// <summary>Factorises the matrix with these values (full pivot search), replacing any earlier factorisation.</summary>
    /// <param name="values">The value of each stored entry, in the order of the analysed pattern.</param>
    /// <returns><see cref="KluStatus.Ok"/>, or why there is no usable factorisation (then <see cref="IsFactored"/> is false).</returns>
    public KluStatus Factor(ReadOnlySpan<double> values)
    {
        CheckValues(values);
        FreeNumeric();
        FullFactorizations++;
        SingularColumn = -1;
        ref var ax = ref values.IsEmpty ? ref _emptyValues[0] : ref MemoryMarshal.GetReference(values);
        _numeric = KluNative.klu_factor(_columnStarts, _rowIndices, ref ax, _symbolic, ref _common);
        if (_numeric == IntPtr.Zero)
        {
            ReciprocalCondition = 0;
            var status = _common.Status == (int)KluStatus.Ok ? KluStatus.Invalid : (KluStatus)_common.Status;
            if (status == KluStatus.Singular)
            {
                SingularColumn = _common.SingularCol;
            }

            return status;
        }

        var rcond = ComputeRcond();
        _rcondAtFullFactor = rcond;
        if (!(rcond >= SingularRcondThreshold) || !(rcond > 0))
        {
            FreeNumeric();
            SingularColumn = _common.SingularCol >= 0 && _common.SingularCol < Size ? _common.SingularCol : -1;
            return KluStatus.Singular;
        }

        return KluStatus.Ok;
    }

    /// <summary>
    /// Factorises the matrix with new values of the same pattern, reusing the pivot order of the last full
    /// factorisation; falls back to <see cref="Factor"/> when there is none, when the refactorisation fails, or when its
    /// reciprocal condition estimate shows that the old pivots have gone bad.
    /// </summary>
    /// <param name="values">The value of each stored entry, in the order of the analysed pattern.</param>
    /// <returns><see cref="KluStatus.Ok"/>, or why there is no usable factorisation (then <see cref="IsFactored"/> is false).</returns>
    public KluStatus Refactor(ReadOnlySpan<double> values)
    {
        CheckValues(values);
        if (_numeric == IntPtr.Zero)
        {
            return Factor(values);
        }

        ref var ax = ref values.IsEmpty ? ref _emptyValues[0] : ref MemoryMarshal.GetReference(values);
        var ok = KluNative.klu_refactor(_columnStarts, _rowIndices, ref ax, _symbolic, _numeric, ref _common) != 0 &&
                 _common.Status == (int)KluStatus.Ok;
        if (!ok)
        {
            return Factor(values);
        }

        var rcond = ComputeRcond();
        if (!(rcond >= SingularRcondThreshold) || !(rcond > 0) || !(rcond >= RefactorRcondDropLimit * _rcondAtFullFactor))
        {
            return Factor(values);
        }

        Refactorizations++;
        return KluStatus.Ok;
    }

    /// <summary>Solves A·x = b in place with the current factorisation.</summary>
    /// <param name="rhs">On entry b, on return x; several right-hand sides may be stacked column after column (length a multiple of <see cref="Size"/>).</param>
    /// <exception cref="InvalidOperationException">When there is no valid factorisation.</exception>
    /// <exception cref="ArgumentException">When the length of <paramref name="rhs"/> is not a positive multiple of <see cref="Size"/>.</exception>
    public void Solve(Span<double> rhs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_numeric == IntPtr.Zero)
        {
            throw new InvalidOperationException("There is no valid factorisation; call Factor or Refactor first and check that it returned Ok.");
        }

        if (Size == 0)
        {
            return;
        }

        if (rhs.Length == 0 || rhs.Length % Size != 0)
        {
            throw new ArgumentException($"The right-hand side has {rhs.Length} entries; it must be a positive multiple of {Size}.", nameof(rhs));
        }

        ref var b = ref MemoryMarshal.GetReference(rhs);
        if (KluNative.klu_solve(_symbolic, _numeric, Size, rhs.Length / Size, ref b, ref _common) == 0)
        {
            throw new InvalidOperationException($"klu_solve failed with status {(KluStatus)_common.Status}.");
        }
    }

    /// <summary>Frees the native KLU objects; the solver cannot be used afterwards.</summary>
    public void Dispose()
    {
        Release();
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    private double ComputeRcond()
    {
        var rcond = KluNative.klu_rcond(_symbolic, _numeric, ref _common) != 0 ? _common.RCond : 0.0;
        ReciprocalCondition = rcond;
        return rcond;
    }

    private void CheckValues(ReadOnlySpan<double> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_symbolic == IntPtr.Zero)
        {
            throw new InvalidOperationException("No sparsity pattern has been analysed; call Analyze first.");
        }

        if (values.Length < NonZeros)
        {
            throw new ArgumentException($"The pattern has {NonZeros} entries but only {values.Length} values were given.", nameof(values));
        }
    }

    private void Release()
    {
        FreeNumeric();
        FreeSymbolic();
    }

    private void FreeNumeric()
    {
        if (_numeric != IntPtr.Zero)
        {
            KluNative.klu_free_numeric(ref _numeric, ref _common);
            _numeric = IntPtr.Zero;
        }
    }

    private void FreeSymbolic()
    {
        if (_symbolic != IntPtr.Zero)
        {
            KluNative.klu_free_symbolic(ref _symbolic, ref _common);
            _symbolic = IntPtr.Zero;
        }
    }
}
