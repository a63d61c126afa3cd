namespace Lem.Grid.Import.Matpower;

/// <summary>
/// A recursive-descent parser for the MATLAB subset of MATPOWER case files. White space is significant inside
/// <c>[ ]</c> and <c>{ }</c> as in MATLAB: <c>[1 -2]</c> has two elements, <c>[1 - 2]</c> one.
/// </summary>
internal sealed class MParser(List<MToken> tokens)
{
    private static readonly HashSet<string> UnsupportedKeywords =
        ["if", "elseif", "else", "for", "while", "switch", "case", "otherwise", "try", "catch", "do", "until", "parfor",
         "global", "persistent", "break", "continue", "unwind_protect", "classdef", "properties", "methods"];

    private enum Mode
    {
        Statement,
        Matrix,
        Paren,
    }

    private int _pos;
    private Mode _mode = Mode.Statement;
    private int _indexDepth;

    /// <summary>
    /// Parses the next statement; returns null at the end of the input. On a syntax error, reports it through
    /// <paramref name="onError"/>, skips the statement and returns a no-op.
    /// </summary>
    public MStatement? Next(Action<int, string> onError)
    {
        _pos = SkipSeparators(_pos);
        if (tokens[_pos].Kind == MTokenKind.Eof)
        {
            return null;
        }

        var start = _pos;
        _mode = Mode.Statement;
        _indexDepth = 0;
        try
        {
            var statement = ParseStatement();
            var end = tokens[_pos];
            if (end.Kind is not (MTokenKind.Newline or MTokenKind.Semicolon or MTokenKind.Comma or MTokenKind.Eof))
            {
                throw new MParseException(end.Line, $"Unexpected {end} after a complete statement.");
            }

            return statement;
        }
        catch (MParseException ex)
        {
            onError(ex.Line, ex.Message);
            _pos = ex.ResumeAt ?? ResumePosition(start, _pos);
            return new MNoOpStatement(ex.Line);
        }
    }

    private int SkipSeparators(int pos)
    {
        while (tokens[pos].Kind is MTokenKind.Newline or MTokenKind.Semicolon or MTokenKind.Comma)
        {
            pos++;
        }

        return pos;
    }

    /// <summary>After an error: the first line end at bracket depth zero after the error, else the next line end.</summary>
    private int ResumePosition(int start, int errorPos)
    {
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case MTokenKind.LParen or MTokenKind.LBracket or MTokenKind.LBrace:
                    depth++;
                    break;
                case MTokenKind.RParen or MTokenKind.RBracket or MTokenKind.RBrace:
                    depth--;
                    break;
                case MTokenKind.Newline or MTokenKind.Semicolon when depth <= 0 && i >= errorPos:
                    return i;
                case MTokenKind.Eof:
                    goto fallback;
            }
        }

    fallback:
        for (var i = Math.Max(errorPos, start + 1); i < tokens.Count; i++)
        {
            if (tokens[i].Kind is MTokenKind.Newline or MTokenKind.Eof)
            {
                return i;
            }
        }

        return tokens.Count - 1;
    }

    private MToken Peek()
    {
        if (_mode == Mode.Paren)
        {
            while (tokens[_pos].Kind == MTokenKind.Newline)
            {
                _pos++;
            }
        }

        return tokens[_pos];
    }

    private MToken PeekAt(int offset) => tokens[Math.Min(_pos + offset, tokens.Count - 1)];

    private MToken Take()
    {
        var t = Peek();
        if (t.Kind != MTokenKind.Eof)
        {
            _pos++;
        }

        return t;
    }

    private MToken Expect(MTokenKind kind, string what)
    {
        var t = Peek();
        if (t.Kind != kind)
        {
            throw new MParseException(t.Line, $"Expected {what} but found {t}.");
        }

        return Take();
    }

    private MStatement ParseStatement()
    {
        var first = Peek();
        if (first.Kind == MTokenKind.Identifier)
        {
            switch (first.Text)
            {
                case "function":
                    return ParseFunctionHeader();
                case "return" or "end" or "endfunction":
                    Take();
                    return new MNoOpStatement(first.Line);
            }

            if (UnsupportedKeywords.Contains(first.Text))
            {
                throw new MParseException(first.Line, $"'{first.Text}' statements are not supported by this MATPOWER reader.");
            }
        }

        if (first.Kind == MTokenKind.LBracket && IsMultiAssignment())
        {
            return ParseMultiAssignment();
        }

        var expr = ParseExpression();
        if (Peek().Kind == MTokenKind.Assign)
        {
            Take();
            CheckAssignable(expr);
            var value = ParseExpression();
            return new MAssignStatement(first.Line, expr, value);
        }

        return new MExpressionStatement(first.Line, expr);
    }

    private static void CheckAssignable(MExpr target)
    {
        switch (target)
        {
            case MIdentExpr:
                return;
            case MFieldExpr f:
                CheckAssignable(f.Target);
                return;
            case MCallExpr c when c.Target is MIdentExpr or MFieldExpr:
                CheckAssignable(c.Target);
                return;
            default:
                throw new MParseException(target.Line, "The left side of '=' is not a variable, a field or an indexed variable.");
        }
    }

    private MStatement ParseFunctionHeader()
    {
        var kw = Take();
        string? output = null;
        if (Peek().Kind == MTokenKind.LBracket)
        {
            Take();
            var outputs = new List<string>();
            while (Peek().Kind != MTokenKind.RBracket)
            {
                var t = Take();
                if (t.Kind == MTokenKind.Identifier)
                {
                    outputs.Add(t.Text);
                }
                else if (t.Kind != MTokenKind.Comma)
                {
                    throw new MParseException(t.Line, $"Unexpected {t} in the output list of the function.");
                }
            }

            Take();
            Expect(MTokenKind.Assign, "'='");
            if (outputs.Count != 1)
            {
                throw new MParseException(kw.Line, "A MATPOWER case function must return exactly one value (the case struct).");
            }

            output = outputs[0];
        }

        var name = Expect(MTokenKind.Identifier, "a function name");
        if (Peek().Kind == MTokenKind.Assign)
        {
            Take();
            output = name.Text;
            name = Expect(MTokenKind.Identifier, "a function name");
        }

        if (Peek().Kind == MTokenKind.LParen)
        {
            Take();
            while (Peek().Kind is MTokenKind.Identifier or MTokenKind.Comma)
            {
                Take();
            }

            Expect(MTokenKind.RParen, "')'");
        }

        return new MFunctionStatement(kw.Line, output, name.Text);
    }

    private bool IsMultiAssignment()
    {
        var depth = 0;
        for (var i = _pos; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case MTokenKind.LBracket or MTokenKind.LParen or MTokenKind.LBrace:
                    depth++;
                    break;
                case MTokenKind.RBracket or MTokenKind.RParen or MTokenKind.RBrace:
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1 < tokens.Count && tokens[i + 1].Kind == MTokenKind.Assign;
                    }

                    break;
                case MTokenKind.Eof:
                    return false;
            }
        }

        return false;
    }

    private MStatement ParseMultiAssignment()
    {
        var open = Take();
        var targets = new List<string?>();
        while (true)
        {
            var t = Take();
            switch (t.Kind)
            {
                case MTokenKind.Identifier:
                    targets.Add(t.Text);
                    break;
                case MTokenKind.Operator when t.Text is "~" or "!":
                    targets.Add(null);
                    break;
                case MTokenKind.Comma or MTokenKind.Newline:
                    break;
                case MTokenKind.RBracket:
                    Expect(MTokenKind.Assign, "'='");
                    var value = ParseExpression();
                    return new MMultiAssignStatement(open.Line, targets, value);
                default:
                    throw new MParseException(t.Line, $"Unexpected {t} in the list of names on the left of '='; only plain names are supported there.");
            }
        }
    }

    private MExpr ParseExpression() => ParseRange();

    private MExpr ParseRange()
    {
        var start = ParseAdditive();
        if (Peek().Kind != MTokenKind.Colon)
        {
            return start;
        }

        Take();
        var second = ParseAdditive();
        if (Peek().Kind == MTokenKind.Colon)
        {
            Take();
            var third = ParseAdditive();
            return new MRangeExpr(start.Line, start, second, third);
        }

        return new MRangeExpr(start.Line, start, null, second);
    }

    private MExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            var t = Peek();
            if (t.Kind == MTokenKind.Operator && t.Text is "+" or "-")
            {
                if (_mode == Mode.Matrix && t.SpaceBefore && !PeekAt(1).SpaceBefore)
                {
                    // "[1 -2]": the sign starts a new element.
                    return left;
                }

                Take();
                var right = ParseMultiplicative();
                left = new MBinaryExpr(left.Line, t.Text, left, right);
                continue;
            }

            if (t.Kind == MTokenKind.Operator && t.Text is "==" or "~=" or "!=" or "<" or ">" or "<=" or ">=" or "&" or "|" or "&&" or "||")
            {
                throw new MParseException(t.Line, $"The operator '{t.Text}' is not supported by this MATPOWER reader.");
            }

            return left;
        }
    }

    private MExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            var t = Peek();
            if (t.Kind == MTokenKind.Operator && t.Text is "*" or "/" or "\\" or ".*" or "./" or ".\\")
            {
                Take();
                var right = ParseUnary();
                left = new MBinaryExpr(left.Line, t.Text, left, right);
                continue;
            }

            return left;
        }
    }

    private MExpr ParseUnary()
    {
        var t = Peek();
        if (t.Kind == MTokenKind.Operator && t.Text is "-" or "+")
        {
            Take();
            var operand = ParseUnary();
            return new MUnaryExpr(t.Line, t.Text, operand);
        }

        if (t.Kind == MTokenKind.Operator && t.Text is "~" or "!")
        {
            throw new MParseException(t.Line, $"The operator '{t.Text}' is not supported by this MATPOWER reader.");
        }

        return ParsePower();
    }

    private MExpr ParsePower()
    {
        var left = ParsePostfix();
        while (true)
        {
            var t = Peek();
            if (t.Kind == MTokenKind.Operator && t.Text is "^" or ".^")
            {
                Take();
                MExpr right;
                var sign = Peek();
                if (sign.Kind == MTokenKind.Operator && sign.Text is "-" or "+")
                {
                    Take();
                    right = new MUnaryExpr(sign.Line, sign.Text, ParsePostfix());
                }
                else
                {
                    right = ParsePostfix();
                }

                left = new MBinaryExpr(left.Line, t.Text, left, right);
                continue;
            }

            return left;
        }
    }

    private MExpr ParsePostfix()
    {
        var expr = ParsePrimary();
        while (true)
        {
            var t = Peek();
            if (t.Kind == MTokenKind.LParen && !(_mode == Mode.Matrix && t.SpaceBefore))
            {
                expr = new MCallExpr(expr.Line, expr, ParseArguments());
                continue;
            }

            if (t.Kind == MTokenKind.Dot && !(_mode == Mode.Matrix && t.SpaceBefore))
            {
                Take();
                var field = Peek();
                if (field.Kind != MTokenKind.Identifier)
                {
                    throw new MParseException(field.Line, $"Expected a field name after '.' but found {field}.");
                }

                Take();
                expr = new MFieldExpr(expr.Line, expr, field.Text);
                continue;
            }

            if (t.Kind == MTokenKind.Transpose)
            {
                Take();
                expr = new MTransposeExpr(expr.Line, expr);
                continue;
            }

            if (t.Kind == MTokenKind.LBrace && !t.SpaceBefore)
            {
                throw new MParseException(t.Line, "Cell indexing with '{ }' is not supported by this MATPOWER reader.");
            }

            return expr;
        }
    }

    private List<MExpr> ParseArguments()
    {
        var saved = _mode;
        _mode = Mode.Paren;
        _indexDepth++;
        try
        {
            Take();
            var args = new List<MExpr>();
            if (Peek().Kind == MTokenKind.RParen)
            {
                Take();
                return args;
            }

            while (true)
            {
                var t = Peek();
                if (t.Kind == MTokenKind.Colon && PeekAt(1).Kind is MTokenKind.Comma or MTokenKind.RParen)
                {
                    Take();
                    args.Add(new MColonAllExpr(t.Line));
                }
                else
                {
                    args.Add(ParseExpression());
                }

                var sep = Peek();
                if (sep.Kind == MTokenKind.Comma)
                {
                    Take();
                    continue;
                }

                if (sep.Kind == MTokenKind.RParen)
                {
                    Take();
                    return args;
                }

                throw new MParseException(sep.Line, $"Expected ',' or ')' in an argument list but found {sep}.");
            }
        }
        finally
        {
            _indexDepth--;
            _mode = saved;
        }
    }

    private MExpr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case MTokenKind.Number:
                Take();
                return new MNumberExpr(t.Line, t.Number);
            case MTokenKind.String:
                Take();
                return new MStringExpr(t.Line, t.Text);
            case MTokenKind.Identifier:
                Take();
                if (t.Text == "end" && _indexDepth > 0)
                {
                    return new MEndExpr(t.Line);
                }

                if (t.Text == "end" || t.Text == "function" || UnsupportedKeywords.Contains(t.Text))
                {
                    throw new MParseException(t.Line, $"The keyword '{t.Text}' cannot be used in an expression.");
                }

                return new MIdentExpr(t.Line, t.Text);
            case MTokenKind.LParen:
            {
                var saved = _mode;
                _mode = Mode.Paren;
                try
                {
                    Take();
                    var inner = ParseExpression();
                    Expect(MTokenKind.RParen, "')'");
                    return inner;
                }
                finally
                {
                    _mode = saved;
                }
            }

            case MTokenKind.LBracket:
                return ParseMatrix(MTokenKind.RBracket, isCell: false);
            case MTokenKind.LBrace:
                return ParseMatrix(MTokenKind.RBrace, isCell: true);
            case MTokenKind.Colon:
                throw new MParseException(t.Line, "A bare ':' is only allowed as an index.");
            default:
                throw new MParseException(t.Line, $"Unexpected {t}.");
        }
    }

    private MMatrixExpr ParseMatrix(MTokenKind close, bool isCell)
    {
        var saved = _mode;
        var savedIndexDepth = _indexDepth;
        _mode = Mode.Matrix;
        _indexDepth = 0;
        try
        {
            var open = Take();
            var what = isCell ? "cell array" : "matrix";
            var rows = new List<MRow>();
            var current = new List<MExpr>();
            var rowLine = open.Line;
            while (true)
            {
                var t = Peek();
                if (t.Kind == close)
                {
                    Take();
                    if (current.Count > 0)
                    {
                        rows.Add(new MRow(rowLine, current));
                    }

                    return new MMatrixExpr(open.Line, rows, isCell);
                }

                switch (t.Kind)
                {
                    case MTokenKind.Semicolon or MTokenKind.Newline:
                        Take();
                        if (current.Count > 0)
                        {
                            rows.Add(new MRow(rowLine, current));
                            current = [];
                        }

                        continue;
                    case MTokenKind.Comma:
                        Take();
                        continue;
                    case MTokenKind.Eof:
                        throw new MParseException(open.Line, $"The {what} opened at line {open.Line} is never closed with '{(isCell ? "}" : "]")}'.", tokens.Count - 1);
                    case MTokenKind.Assign:
                        throw new MParseException(
                            open.Line,
                            $"The {what} opened at line {open.Line} is not closed with '{(isCell ? "}" : "]")}' before the assignment at line {t.Line}.",
                            StartOfLine(_pos));
                    case MTokenKind.RBracket or MTokenKind.RBrace or MTokenKind.RParen:
                        throw new MParseException(t.Line, $"Unexpected {t} in the {what} opened at line {open.Line}.");
                }

                if (current.Count == 0)
                {
                    rowLine = t.Line;
                }

                current.Add(ParseExpression());
            }
        }
        finally
        {
            _mode = saved;
            _indexDepth = savedIndexDepth;
        }
    }

    /// <summary>The index of the first token on the same line as the token at <paramref name="pos"/>.</summary>
    private int StartOfLine(int pos)
    {
        var i = pos;
        while (i > 0 && tokens[i - 1].Kind != MTokenKind.Newline)
        {
            i--;
        }

        return i;
    }
}
