namespace Lem.Grid.Import.Matpower;

/// <summary>The kinds of token of the MATLAB subset.</summary>
internal enum MTokenKind
{
    Number,
    Identifier,
    String,
    Operator,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semicolon,
    Newline,
    Assign,
    Colon,
    Dot,
    Transpose,
    Eof,
}

/// <summary>One token with its 1-based source line and whether white space (or a continuation) came before it.</summary>
internal sealed record MToken(MTokenKind Kind, string Text, double Number, int Line, bool SpaceBefore)
{
    public override string ToString() => Kind switch
    {
        MTokenKind.Newline => "end of line",
        MTokenKind.Eof => "end of file",
        MTokenKind.String => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
