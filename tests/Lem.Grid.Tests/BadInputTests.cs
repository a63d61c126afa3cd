using Lem.Domain.Validation;
using Lem.Grid.Import;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class BadInputTests
{
    [Fact]
    public void Missing_file_is_reported_not_thrown()
    {
        var result = GridImporter.Import(Path.Combine(Path.GetTempPath(), "no-such-grid-" + Guid.NewGuid() + ".m"));

        Assert.Null(result.Network);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.FileMissing, error.Code);
    }

    [Fact]
    public void Files_over_256_mib_are_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "lem-huge-" + Guid.NewGuid() + ".m");
        try
        {
            using (var stream = new FileStream(path, FileMode.CreateNew))
            {
                stream.SetLength(GridImporter.MaxFileBytes + 1); // sparse: nothing is written
            }

            var error = Assert.Single(GridImporter.Import(path).Errors);
            Assert.Equal(ValidationCodes.SizeLimit, error.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SharedFact]
    public void Unknown_extension_is_decided_by_content()
    {
        var text = File.ReadAllText(RepoPaths.Grid("matpower", "case9.m"));
        Assert.Empty(GridImporter.ImportText(text, "case9.txt").Errors);
        var json = File.ReadAllText(RepoPaths.Grid("pandapower", "cigre_lv.json"));
        Assert.Empty(GridImporter.ImportText(json, "cigre.dat").Errors);
        Assert.Equal(ValidationCodes.FileMalformed, Assert.Single(GridImporter.ImportText("hello", "x.txt").Errors).Code);
    }

    [Fact]
    public void Null_arguments_are_api_misuse()
    {
        Assert.ThrowsAny<ArgumentException>(() => GridImporter.Import(null!));
        Assert.ThrowsAny<ArgumentException>(() => GridImporter.ImportText(null!, "x.m"));
        Assert.ThrowsAny<ArgumentException>(() => Indexing.NetworkIndex.Build(null!));
    }

    [Fact]
    public void Unterminated_matrix_is_reported_at_its_opening_line_and_the_rest_is_still_read()
    {
        const string text = """
            function mpc = bad
            mpc.baseMVA = 100;
            mpc.bus = [
                1  3  0   0  0  0  1  1  0  345  1  1.1  0.9;
                2  1  10  5  0  0  1  1  0  345  1  1.1  0.9;
            mpc.gen = [
                1  0  0  300  -300  1  100  1  250  10;
            ];
            mpc.branch = [
                1  2  0.01  0.1  0  0  0  0  0  0  1;
            ;
            mpc.gencost = [ 2 0 0 3 0 1 0 ];
            """;

        var result = GridImporter.ImportText(text, "bad.m");

        Assert.Null(result.Network);
        Assert.Collection(
            result.Errors,
            e =>
            {
                Assert.Equal("bad.m:3", e.Path);
                Assert.Equal(ValidationCodes.FileMalformed, e.Code);
                Assert.Contains("line 6", e.Message, StringComparison.Ordinal);
            },
            e => Assert.Equal(("bad.m:9", ValidationCodes.FileMalformed), (e.Path, e.Code)));
    }

    [Fact]
    public void Matrix_never_closed_before_the_end_of_the_file_is_an_error()
    {
        var result = GridImporter.ImportText("mpc.baseMVA = 1;\nmpc.bus = [\n 1 3 0 0 0 0 1 1 0 10 1 1.1 0.9;\n", "eof.m");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("eof.m:2", ValidationCodes.FileMalformed), (error.Path, error.Code));
    }

    [Fact]
    public void Every_problem_in_the_matpower_data_is_reported_with_its_line()
    {
        const string text = """
            function mpc = refs
            mpc.baseMVA = 100;
            mpc.bus = [
                1  3  0   0  0  0  1  1  0  345  1  1.1  0.9;
                2  1  10  5  0  0  1  1  0  345  1  1.1  0.9;
                2  1  10  5  0  0  1  1  0  345  1  1.1  0.9;
                3  7  10  5  0  0  1  1  0  345  1  1.1  0.9;
                4  1  NaN 5  0  0  1  1  0  345  1  1.1  0.9;
            ];
            mpc.gen = [
                1  0  0  300  -300  1  100  1  250  10;
                9  0  0  300  -300  1  100  1  250  10;
            ];
            mpc.branch = [
                1  2  0.01  0.1  0  0  0  0  0  0  1;
                2  7  0.01  0.1  0  0  0  0  0  0  1;
            ];
            mpc.gencost = [ 2 0 0 3 0 1 0 ];
            """;

        var result = GridImporter.ImportText(text, "refs.m");

        Assert.Null(result.Network);
        Assert.Equal(
            [
                ("refs.m:6", ValidationCodes.IdDuplicate),
                ("refs.m:7", ValidationCodes.GridInvalid),
                ("refs.m:8", ValidationCodes.ValueNotFinite),
                ("refs.m:12", ValidationCodes.GridInvalid),
                ("refs.m:16", ValidationCodes.GridInvalid),
                ("refs.m:18", ValidationCodes.GridInvalid),
            ],
            result.Errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("bus 7", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_fields_are_reported()
    {
        var result = GridImporter.ImportText("function mpc = empty\nmpc.version = '2';\n", "empty.m");

        Assert.Equal(
            [ValidationCodes.FieldMissing, ValidationCodes.FieldMissing, ValidationCodes.FieldMissing, ValidationCodes.FieldMissing],
            result.Errors.Select(e => e.Code));
    }

    [SharedFact]
    public void Truncated_or_damaged_files_never_throw()
    {
        var m = File.ReadAllText(RepoPaths.Grid("matpower", "case33bw.m"));
        for (var cut = 0; cut < m.Length; cut += 53)
        {
            var result = GridImporter.ImportText(m[..cut], "cut.m", GridFileFormat.Matpower);
            Assert.True(result.Network is not null || result.Errors.Count > 0);
            var damaged = GridImporter.ImportText(m.Remove(cut, Math.Min(7, m.Length - cut)), "damaged.m", GridFileFormat.Matpower);
            Assert.True(damaged.Network is not null || damaged.Errors.Count > 0);
        }

        var json = File.ReadAllText(RepoPaths.Grid("pandapower", "cigre_lv.json"));
        for (var cut = 0; cut < json.Length; cut += 997)
        {
            var result = GridImporter.ImportText(json[..cut], "cut.json", GridFileFormat.Pandapower);
            Assert.NotEmpty(result.Errors);
        }
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var result = GridImporter.ImportText("{\n  \"_module\": \"pandapower.auxiliary\",\n  \"_class\": \"pandapowerNet\",\n  \"_object\": {\n    \"bus\": [1, 2,,]\n  }\n}", "broken.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.FileMalformed, error.Code);
        Assert.Equal("broken.json:5", error.Path);
    }

    [Fact]
    public void Pandapower_reference_and_value_problems_name_the_json_path()
    {
        var text = PandapowerJson.Build(
            1.0,
            ("bus", ["name", "vn_kv", "in_service"], [["a", 0.4, true], ["b", 0.4, true], ["c", null, true]]),
            ("ext_grid", ["bus", "vm_pu", "va_degree", "in_service"], [[0, 1.0, 0.0, true]]),
            ("line", ["from_bus", "to_bus", "length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km", "g_us_per_km", "max_i_ka", "df", "parallel", "in_service"],
            [
                [0, 1, 0.1, 0.2, 0.08, 200.0, 0.0, 0.2, 1.0, 1, true],
                [1, 5, 0.1, 0.2, 0.08, 200.0, 0.0, 0.2, 1.0, 1, true],
                [1, 2, 0.1, null, 0.08, 200.0, 0.0, 0.2, 1.0, 1, true],
                [9, 0, 0.1, 0.2, 0.08, 200.0, 0.0, 0.2, 1.0, 1, true],
            ]),
            ("load", ["bus", "p_mw", "q_mvar", "scaling", "in_service"], [[1, 0.01, 0.002, 1.0, true], [4, 0.01, 0.002, 1.0, true]]),
            ("trafo3w", ["hv_bus", "mv_bus", "lv_bus"], [[0, 1, 2]]));

        var result = GridImporter.ImportText(text, "grid.json");

        Assert.Null(result.Network);
        Assert.Equal(
            [
                ("grid.json:$.bus[2].vn_kv", ValidationCodes.ValueNotFinite),
                ("grid.json:$.load[1].bus", ValidationCodes.GridInvalid),
                ("grid.json:$.line[1].to_bus", ValidationCodes.GridInvalid),
                ("grid.json:$.line[2].r_ohm_per_km", ValidationCodes.ValueNotFinite),
                ("grid.json:$.line[3].from_bus", ValidationCodes.GridInvalid),
            ],
            result.Errors.Select(e => (e.Path, e.Code)));
        Assert.Contains(result.Warnings, w => w.Contains("trafo3w", StringComparison.Ordinal) && w.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void A_minimal_pandapower_document_imports()
    {
        var text = PandapowerJson.Build(
            2.0,
            ("bus", ["name", "vn_kv", "in_service"], [[null, 10.0, true], ["x", 10.0, true]]),
            ("ext_grid", ["bus", "vm_pu", "va_degree", "in_service"], [[0, 1.02, 0.0, true]]),
            ("line", ["from_bus", "to_bus", "length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km", "max_i_ka", "parallel", "in_service"],
            [[0, 1, 2.0, 0.1, 0.2, 300.0, 0.4, 2, true]]),
            ("shunt", ["bus", "p_mw", "q_mvar", "step", "vn_kv", "in_service"], [[1, 0.0, 0.5, 2, 10.0, true]]));

        var result = GridImporter.ImportText(text, "mini.json");

        Assert.Empty(result.Errors);
        var net = result.Network!;
        Assert.Null(net.Buses[0].Name);
        var line = Assert.Single(net.Lines);
        const double zBase = 10.0 * 10.0 / 2.0;
        Approx.Equal(0.1 * 2.0 / 2 / zBase, line.RPu, 1e-15);
        Approx.Equal(2 * Math.PI * 50 * 300e-9 * 2.0 * 2 * zBase, line.BPu, 1e-15);
        Approx.Equal(Math.Sqrt(3) * 0.4 * 2 * 10.0, line.RatingMva!.Value, 1e-12);
        Assert.Equal(1.0, Assert.Single(net.Shunts).QMvar);
    }
}
