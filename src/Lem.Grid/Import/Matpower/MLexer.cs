using System.Globalization;
using System.Text;

namespace Lem.Grid.Import.Matpower;

/// <summary>Splits MATLAB source into tokens: numbers, names, strings, operators; drops comments and joins <c>...</c> continuations.</summary>
internal static class MLexer
{
    /// <summary>Tokenises the whole text; lexical problems are returned as (line, message) pairs and the offending character is skipped.</summary>
    public static List<MToken> Tokenize(string text, List<(int Line, string Message)> problems)
    {
        var tokens = new List<MToken>(text.Length / 4);
        var line = 1;
        var i = 0;
        var space = true;
        var atLineStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atLineStart && IsBlockCommentMarker(text, i, '{', out var afterOpen))
            {
                var startLine = line;
                i = afterOpen;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        i++;
                        if (IsBlockCommentMarker(text, i, '}', out var afterClose))
                        {
                            i = afterClose;
                            closed = true;
                            break;
                        }

                        continue;
                    }

                    i++;
                }

                if (!closed)
                {
                    problems.Add((startLine, "The block comment '%{' is never closed with '%}'."));
                }

                continue;
            }

            atLineStart = false;
            if (c == '\n')
            {
                tokens.Add(new MToken(MTokenKind.Newline, "\n", 0, line, space));
                line++;
                i++;
                space = true;
                atLineStart = true;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                i++;
                space = true;
                continue;
            }

            if (c is '%' or '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '.' && i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
            {
                // Continuation: the rest of the line is a comment and the line break is white space.
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                if (i < text.Length)
                {
                    i++;
                    line++;
                }

                space = true;
                continue;
            }

            var startLineOfToken = line;
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && (text[i + 1] == '*' || text[i + 1] == '/' || text[i + 1] == '^' || text[i + 1] == '\\' || text[i + 1] == '\'')))
                {
                    i++;
                    while (i < text.Length && char.IsDigit(text[i]))
                    {
                        i++;
                    }
                }

                if (i < text.Length && (text[i] == 'e' || text[i] == 'E' || text[i] == 'd' || text[i] == 'D'))
                {
                    var j = i + 1;
                    if (j < text.Length && (text[j] == '+' || text[j] == '-'))
                    {
                        j++;
                    }

                    if (j < text.Length && char.IsDigit(text[j]))
                    {
                        i = j;
                        while (i < text.Length && char.IsDigit(text[i]))
                        {
                            i++;
                        }
                    }
                }

                var literal = text[start..i].Replace('d', 'e').Replace('D', 'e');
                if (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
                {
                    var end = i;
                    while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                    {
                        end++;
                    }

                    problems.Add((line, $"'{text[start..end]}' is not a number this reader understands (complex and typed numbers are not supported)."));
                    i = end;
                    tokens.Add(new MToken(MTokenKind.Number, literal, double.NaN, startLineOfToken, space));
                    space = false;
                    continue;
                }

                var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                tokens.Add(new MToken(MTokenKind.Number, literal, value, startLineOfToken, space));
                space = false;
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new MToken(MTokenKind.Identifier, text[start..i], 0, startLineOfToken, space));
                space = false;
                continue;
            }

            if (c == '\'' && !space && tokens.Count > 0 && EndsValue(tokens[^1]))
            {
                tokens.Add(new MToken(MTokenKind.Transpose, "'", 0, line, space));
                i++;
                space = false;
                continue;
            }

            if (c is '\'' or '"')
            {
                var quote = c;
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length && text[i] != '\n')
                {
                    if (text[i] == quote)
                    {
                        if (i + 1 < text.Length && text[i + 1] == quote)
                        {
                            sb.Append(quote);
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                if (!closed)
                {
                    problems.Add((line, "A string is not closed before the end of the line."));
                }

                tokens.Add(new MToken(MTokenKind.String, sb.ToString(), 0, startLineOfToken, space));
                space = false;
                continue;
            }

            var (kind, op) = ReadPunctuation(text, i);
            if (kind is null)
            {
                problems.Add((line, $"The character '{c}' is not understood here."));
                i++;
                space = true;
                continue;
            }

            tokens.Add(new MToken(kind.Value, op, 0, line, space));
            i += op.Length;
            space = false;
        }

        tokens.Add(new MToken(MTokenKind.Eof, string.Empty, 0, line, true));
        return tokens;
    }

    private static bool EndsValue(MToken t) =>
        t.Kind is MTokenKind.Number or MTokenKind.Identifier or MTokenKind.RParen or MTokenKind.RBracket
            or MTokenKind.RBrace or MTokenKind.Transpose or MTokenKind.String;

    private static bool IsBlockCommentMarker(string text, int i, char bracket, out int after)
    {
        after = i;
        var j = i;
        while (j < text.Length && (text[j] == ' ' || text[j] == '\t'))
        {
            j++;
        }

        if (j + 1 >= text.Length || text[j] != '%' || text[j + 1] != bracket)
        {
            return false;
        }

        j += 2;
        while (j < text.Length && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
        {
            j++;
        }

        if (j < text.Length && text[j] != '\n')
        {
            return false;
        }

        after = j;
        return true;
    }

    private static (MTokenKind? Kind, string Text) ReadPunctuation(string text, int i)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        string two = new([c, next]);
        switch (two)
        {
            case ".*":
            case "./":
            case ".^":
            case ".\\":
            case "==":
            case "~=":
            case "!=":
            case "<=":
            case ">=":
            case "&&":
            case "||":
                return (MTokenKind.Operator, two);
            case ".'":
                return (MTokenKind.Transpose, two);
        }

        return c switch
        {
            '+' or '-' or '*' or '/' or '\\' or '^' or '<' or '>' or '&' or '|' or '~' or '!' => (MTokenKind.Operator, c.ToString()),
            '(' => (MTokenKind.LParen, "("),
            ')' => (MTokenKind.RParen, ")"),
            '[' => (MTokenKind.LBracket, "["),
            ']' => (MTokenKind.RBracket, "]"),
            '{' => (MTokenKind.LBrace, "{"),
            '}' => (MTokenKind.RBrace, "}"),
            ',' => (MTokenKind.Comma, ","),
            ';' => (MTokenKind.Semicolon, ";"),
            '=' => (MTokenKind.Assign, "="),
            ':' => (MTokenKind.Colon, ":"),
            '.' => (MTokenKind.Dot, "."),
            _ => (null, string.Empty),
        };
    }
}
