using System.IO.Compression;
using System.Text;
using Lem.Domain.Validation;
using Lem.Grid.PowerFlow;
using Lem.Testing;
using static Lem.Grid.Tests.PowerFlow.SweepTestNetworks;

namespace Lem.Grid.Tests.PowerFlow;

public sealed class LoadProfileTests : IDisposable
{
    private const string Good = """
        step,p_mw_0,p_mw_1,q_mvar_0,q_mvar_1
        0,0.5,1.25,0.1,-0.2
        1,0.6,1.5e0,0.15,0
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("lem-profile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_good_file_is_read()
    {
        var path = Write("good.csv", Good);

        var read = LoadProfile.ReadCsv(path);

        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var profile = read.Profile!;
        Assert.Equal(2, profile.StepCount);
        Assert.Equal(2, profile.LoadCount);
        Assert.Equal("good.csv", profile.SourceName);
        Assert.Equal([0.5, 1.25], profile.PMwAt(0).ToArray());
        Assert.Equal([0.1, -0.2], profile.QMvarAt(0).ToArray());
        Assert.Equal([0.6, 1.5], profile.PMwAt(1).ToArray());
        Assert.Equal([0.15, 0.0], profile.QMvarAt(1).ToArray());
        Assert.Equal(1, profile.StepNumber(1));
        Assert.Empty(profile.Validate(Feeder3()));
    }

    [Fact]
    public void A_gzip_file_with_columns_in_any_order_is_read()
    {
        var path = Path.Combine(_dir, "shuffled.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("step, q_mvar_1, p_mw_1, q_mvar_0, p_mw_0\r\n7, 0.4, 0.3, 0.2, 0.1\r\n\r\n"));
        }

        var read = LoadProfile.ReadCsv(path);

        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        Assert.Equal([0.1, 0.3], read.Profile!.PMwAt(0).ToArray());
        Assert.Equal([0.2, 0.4], read.Profile.QMvarAt(0).ToArray());
        Assert.Equal(7, read.Profile.StepNumber(0));
    }

    [SharedFact]
    public void The_benchmark_profile_is_read()
    {
        var read = LoadProfile.ReadCsv(RepoPaths.Grid("benchmark", "radial1001_profiles.csv.gz"));

        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var profile = read.Profile!;
        Assert.Equal(1000, profile.StepCount);
        Assert.Equal(1000, profile.LoadCount);
        Assert.Equal(499, profile.StepNumber(499));
        Assert.Equal(0.51716, profile.PMwAt(499)[0]);
        Assert.Equal(0.39192, profile.PMwAt(499)[999]);
        Assert.Equal(0.16998, profile.QMvarAt(499)[0]);
        Assert.Equal(0.12882, profile.QMvarAt(499)[999]);
        Approx.Equal(401.375050, profile.PMwAt(0).ToArray().Sum(), 1e-6, what: "step 0 total load P");
    }

    [Fact]
    public void A_missing_column_is_reported_on_the_header_line()
    {
        var path = Write("missing.csv", """
            step,p_mw_0,p_mw_1,q_mvar_0
            0,0.5,1.25,0.1
            """);

        var read = LoadProfile.ReadCsv(path);

        Assert.False(read.Succeeded);
        Assert.Null(read.Profile);
        var error = Assert.Single(read.Errors);
        Assert.Equal("missing.csv:1", error.Path);
        Assert.Equal(ValidationCodes.SeriesColumn, error.Code);
        Assert.Contains("q_mvar_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_number_is_reported_with_file_and_line()
    {
        var path = Write("bad.csv", """
            step,p_mw_0,q_mvar_0
            0,0.5,0.1

            1,abc,0.1
            2,0.5,NaN
            """);

        var read = LoadProfile.ReadCsv(path);

        Assert.False(read.Succeeded);
        Assert.Collection(
            read.Errors,
            e =>
            {
                Assert.Equal("bad.csv:4", e.Path);
                Assert.Equal(ValidationCodes.FieldType, e.Code);
                Assert.Contains("p_mw_0", e.Message, StringComparison.Ordinal);
                Assert.Contains("'abc'", e.Message, StringComparison.Ordinal);
            },
            e =>
            {
                Assert.Equal("bad.csv:5", e.Path);
                Assert.Equal(ValidationCodes.ValueNotFinite, e.Code);
            });
    }

    [Fact]
    public void Too_few_loads_in_the_network_is_reported_with_the_load_index()
    {
        var profile = LoadProfile.ParseCsv(new StringReader("step,p_mw_0,p_mw_1,p_mw_2,q_mvar_0,q_mvar_1,q_mvar_2\n0,1,1,1,0,0,0\n"), "three.csv").Profile!;

        var errors = profile.Validate(Feeder3());

        var error = Assert.Single(errors);
        Assert.Equal("three.csv:1", error.Path);
        Assert.Equal(ValidationCodes.ValueOutOfRange, error.Code);
        Assert.Contains("load index 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 2 loads", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty.csv:1", ValidationCodes.FileMalformed)]
    [InlineData("step,p_mw_0,q_mvar_0\n", "empty.csv:1", ValidationCodes.FileMalformed)]
    [InlineData("time,p_mw_0,q_mvar_0\n0,1,1\n", "empty.csv:1", ValidationCodes.SeriesColumn)]
    [InlineData("step\n0\n", "empty.csv:1", ValidationCodes.SeriesColumn)]
    [InlineData("step,p_mw_0,q_mvar_0,p_kw_1\n0,1,1,1\n", "empty.csv:1", ValidationCodes.FieldUnknown)]
    [InlineData("step,p_mw_0,q_mvar_0,p_mw_0\n0,1,1,1\n", "empty.csv:1", ValidationCodes.IdDuplicate)]
    [InlineData("step,p_mw_0,q_mvar_0\n0,1,1\n1,1\n", "empty.csv:3", ValidationCodes.FileMalformed)]
    [InlineData("step,p_mw_0,q_mvar_0\n0.5,1,1\n", "empty.csv:2", ValidationCodes.ValueInvalid)]
    [InlineData("step,p_mw_0,q_mvar_0\n0,1,1e999\n", "empty.csv:2", ValidationCodes.ValueNotFinite)]
    public void Malformed_content_is_reported_not_thrown(string text, string path, string code)
    {
        var read = LoadProfile.ParseCsv(new StringReader(text), "empty.csv");

        Assert.False(read.Succeeded);
        Assert.Contains(read.Errors, e => e.Path == path && e.Code == code);
    }

    [Fact]
    public void A_missing_file_and_a_corrupt_gzip_are_reported()
    {
        var missing = LoadProfile.ReadCsv(Path.Combine(_dir, "nope.csv"));
        var corrupt = LoadProfile.ReadCsv(Write("corrupt.csv.gz", "this is not gzip data at all"));

        Assert.Equal(ValidationCodes.FileMissing, Assert.Single(missing.Errors).Code);
        var error = Assert.Single(corrupt.Errors);
        Assert.Equal(ValidationCodes.FileMalformed, error.Code);
        Assert.StartsWith("corrupt.csv.gz:", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Programmatic_profiles_check_their_arguments()
    {
        Assert.Throws<ArgumentException>(() => new LoadProfile(2, [1.0, 2.0, 3.0], [0.0, 0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new LoadProfile(1, [double.NaN], [0.0]));
        Assert.Throws<ArgumentException>(() => new LoadProfile(1, [1.0, 2.0], [0.0, 0.0], [5]));
        Assert.Equal(5, new LoadProfile(1, [1.0], [0.0], [5]).StepNumber(0));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
