using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Xunit;

namespace Lem.Ledger.Tests;

public sealed class CanonicalJsonTests
{
    // RFC 8785 §3.2.4, the example of the whole transformation.
    [Fact]
    public void Serialize_Rfc8785Section324Example_MatchesPublishedOutput()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonNode.Parse(input))));
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    // RFC 8785 §3.2.3: property names sorted by their UTF-16 code units (the emoji's high surrogate D83D sorts before FB33).
    [Fact]
    public void Serialize_Rfc8785SortingExample_SortsByUtf16CodeUnits()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var canonical = CanonicalJson.Canonicalize(input);
        var values = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Value!.GetValue<string>()).ToArray();

        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", canonical, StringComparison.Ordinal);
    }

    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript forms.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);

        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
        Assert.Equal(expected, CanonicalJson.SerializeToString(JsonValue.Create(value)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Serialize_NonFiniteNumber_Throws(double value)
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.FormatNumber(value));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = new JsonArray(1, value) }));
    }

    [Fact]
    public void Canonicalize_NumberBeyondDoubleRange_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Canonicalize("[1e400]"));

    [Fact]
    public void Canonicalize_DuplicateMember_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Canonicalize("{\"a\":1,\"a\":2}"));

    [Fact]
    public void Canonicalize_LoneSurrogate_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Canonicalize("[\"\\ud800\"]"));

    [Fact]
    public void Serialize_ClrValues_SameAsParsedText()
    {
        var node = new JsonObject
        {
            ["price_eur_per_mwh"] = 85.50m,
            ["quantity_kwh"] = 12L,
            ["ratio"] = 0.1,
            ["name"] = "b\u00e9\t\u0001",
            ["nested"] = new JsonObject { ["z"] = true, ["a"] = null },
        };

        Assert.Equal("{\"name\":\"b\u00e9\\t\\u0001\",\"nested\":{\"a\":null,\"z\":true},\"price_eur_per_mwh\":85.5,\"quantity_kwh\":12,\"ratio\":0.1}", CanonicalJson.SerializeToString(node));
        Assert.Equal(CanonicalJson.SerializeToString(node), CanonicalJson.Canonicalize(node.ToJsonString()));
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData("{ \"a\":1}", false)]
    [InlineData("{\"b\":1,\"a\":2}", false)]
    [InlineData("[1.0]", false)]
    [InlineData("[1]", true)]
    [InlineData("\"\\u00e9\"", false)]
    [InlineData("not json", false)]
    public void IsCanonical_RecognisesCanonicalText(string json, bool expected) =>
        Assert.Equal(expected, CanonicalJson.IsCanonical(json));

    // Any finite double: the canonical text parses back to the same double, and is in ECMAScript shape (no "E", no "+" in
    // plain form, exponent only outside [1e-7, 1e21)).
    [Property(MaxTest = 2000)]
    public bool FormatNumber_RoundTripsAndHasEcmaScriptShape(double value)
    {
        if (!double.IsFinite(value))
        {
            return true;
        }

        var text = CanonicalJson.FormatNumber(value);
        var back = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        var exponential = text.Contains('e', StringComparison.Ordinal);
        var expectExponential = magnitude != 0 && (magnitude >= 1e21 || magnitude < 1e-6);
        return back == value && !text.Contains('E', StringComparison.Ordinal) && exponential == expectExponential;
    }
}
