namespace Lem.Grid.Import.Matpower;

/// <summary>An expression of the MATLAB subset, with the 1-based line it starts on.</summary>
internal abstract record MExpr(int Line);

internal sealed record MNumberExpr(int Line, double Value) : MExpr(Line);

internal sealed record MStringExpr(int Line, string Value) : MExpr(Line);

internal sealed record MIdentExpr(int Line, string Name) : MExpr(Line);

internal sealed record MFieldExpr(int Line, MExpr Target, string Field) : MExpr(Line);

/// <summary>Either indexing of a value or a function call: <c>name(args)</c>; resolved when evaluated.</summary>
internal sealed record MCallExpr(int Line, MExpr Target, IReadOnlyList<MExpr> Args) : MExpr(Line);

/// <summary>A bare <c>:</c> used as an index (all rows or columns).</summary>
internal sealed record MColonAllExpr(int Line) : MExpr(Line);

/// <summary>The <c>end</c> keyword inside an index: the size of the indexed dimension.</summary>
internal sealed record MEndExpr(int Line) : MExpr(Line);

internal sealed record MRangeExpr(int Line, MExpr Start, MExpr? Step, MExpr Stop) : MExpr(Line);

internal sealed record MUnaryExpr(int Line, string Op, MExpr Operand) : MExpr(Line);

internal sealed record MBinaryExpr(int Line, string Op, MExpr Left, MExpr Right) : MExpr(Line);

internal sealed record MTransposeExpr(int Line, MExpr Operand) : MExpr(Line);

/// <summary>One row of a matrix or cell literal with the line it starts on.</summary>
internal sealed record MRow(int Line, IReadOnlyList<MExpr> Elements);

/// <summary>A matrix literal <c>[ ... ]</c> or, when <see cref="IsCell"/>, a cell literal <c>{ ... }</c>.</summary>
internal sealed record MMatrixExpr(int Line, IReadOnlyList<MRow> Rows, bool IsCell) : MExpr(Line);

/// <summary>A statement of the MATLAB subset.</summary>
internal abstract record MStatement(int Line);

internal sealed record MAssignStatement(int Line, MExpr Target, MExpr Value) : MStatement(Line);

/// <summary><c>[a, b, ~] = f(...)</c>; a null target stands for <c>~</c>.</summary>
internal sealed record MMultiAssignStatement(int Line, IReadOnlyList<string?> Targets, MExpr Value) : MStatement(Line);

internal sealed record MExpressionStatement(int Line, MExpr Expression) : MStatement(Line);

/// <summary><c>function out = name(...)</c>; <see cref="Output"/> is null when the function has no output.</summary>
internal sealed record MFunctionStatement(int Line, string? Output, string Name) : MStatement(Line);

/// <summary>A statement with no effect here (<c>return</c>, <c>end</c>).</summary>
internal sealed record MNoOpStatement(int Line) : MStatement(Line);
