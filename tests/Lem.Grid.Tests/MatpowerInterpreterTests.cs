using Lem.Domain.Validation;
using Lem.Grid.Import;
using Lem.Grid.Network;

namespace Lem.Grid.Tests;

public class MatpowerInterpreterTests
{
    private const string Header = """
        function mpc = tiny
        mpc.version = '2';
        mpc.baseMVA = 100;
        """;

    private static GridImportResult Run(string body) => GridImporter.ImportText(Header + "\n" + body, "tiny.m");

    private static GridNetwork RunOk(string body)
    {
        var result = Run(body);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        return result.Network!;
    }

    private const string ThreeBuses = """
        mpc.bus = [
            1  3  0   0   0  0  1  1  0  20  1  1.1  0.9;
            2  1  10  5   0  0  1  1  0  20  1  1.1  0.9;
            3  1  20  -4  0  0  1  1  0  20  1  1.1  0.9;
        ];
        mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
        mpc.branch = [
            1  2  0.01  0.1  0  0  0  0  0  0  1;
            2  3  0.01  0.1  0  0  0  0  0  0  1;
        ];
        """;

    [Fact]
    public void Signs_after_white_space_start_new_elements_as_in_matlab()
    {
        // "20 -4" is two elements (Qd = -4); "0.05 - 0.01" is one (0.04); "2*3" and "2 *3" are products.
        var net = RunOk("""
            mpc.bus = [
                1  3  0   0   0  0  1  1  0  20  1  1.1  0.9;
                2  1  10  0.05 - 0.01  0  0  1  1  0  20  1  1.1  0.9;
                3  1  20  -4  0  0  1  1  0  2*10  1  1.1  0.9;
            ];
            mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
            mpc.branch = [ 1 2 0.01 0.1 0 0 0 0 0 0 1; 2 3 0.01 0.1 0 0 0 0 0 0 1 ];
            """);

        Assert.Equal(0.04, net.Loads.Single(l => l.Id == "2").QMvar, 15);
        Assert.Equal(-4, net.Loads.Single(l => l.Id == "3").QMvar);
        Assert.Equal(20, TestGrids.Bus(net, "3").NominalKv);
    }

    [Fact]
    public void Commas_comments_continuations_and_one_line_rows_are_understood()
    {
        var net = RunOk("""
            %% a comment line
            mpc.bus = [ 1, 3, 0, 0, 0, 0, 1, 1, 0, 20, 1, 1.1, 0.9   % trailing comment
                        2  1  10 ...  continuation: the row goes on
                        5  0  0  1  1  0  20  1  1.1  0.9;  3 1 1e1 1E-1 0 0 1 1 0 20 1 1.1 0.9 ];
            mpc.gen = [ 1 0 0 Inf -Inf 1 100 1 10 0 ];
            mpc.branch = [ 1, 2, 0.01, 0.1, 0, 0, 0, 0, 0, 0, 1
                           2, 3, 0.01, 0.1, 0, 0, 0, 0, 0, 0, 1 ];
            """);

        Assert.Equal(3, net.Buses.Count);
        Assert.Equal(5, net.Loads.Single(l => l.Id == "2").QMvar);
        Assert.Equal(10, net.Loads.Single(l => l.Id == "3").PMw);
        Assert.Equal(0.1, net.Loads.Single(l => l.Id == "3").QMvar);
        Assert.Equal(double.PositiveInfinity, net.Generators[0].QMaxMvar);
        Assert.Equal(double.NegativeInfinity, net.Generators[0].QMinMvar);
        Assert.Equal(2, net.Lines.Count);
    }

    [Fact]
    public void Indexed_assignments_with_idx_names_variables_end_and_functions_are_applied()
    {
        var net = RunOk(ThreeBuses + """

            [PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, ...
                VA, BASE_KV, ZONE, VMAX, VMIN, LAM_P, LAM_Q, MU_VMAX, MU_VMIN] = idx_bus;
            [F_BUS, T_BUS, BR_R, BR_X] = idx_brch;
            Vbase = mpc.bus(1, BASE_KV) * 1e3;
            Sbase = mpc.baseMVA * 1e6;
            mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);
            mpc.bus(end, VMAX) = 1.05;
            mpc.bus(2:3, GS) = [1; 2];
            pf = 0.8;
            mpc.bus(:, QD) = mpc.bus(:, PD) * sin(acos(pf));
            mpc.bus(:, PD) = mpc.bus(:, PD) .* pf;
            mpc.bus(3, BS) = -2^2 + sqrt(abs(-16));
            """);

        var zBase = 20e3 * 20e3 / 100e6;
        Assert.Equal(0.01 / zBase, net.Lines[0].RPu, 15);
        Assert.Equal(0.1 / zBase, net.Lines[0].XPu, 15);
        Assert.Equal(1.05, TestGrids.Bus(net, "3").VmMaxPu);
        Assert.Equal(8, net.Loads.Single(l => l.Id == "2").PMw, 12);
        Assert.Equal(10 * 0.6, net.Loads.Single(l => l.Id == "2").QMvar, 12);
        Assert.Equal([("2", 1.0), ("3", 2.0)], net.Shunts.Select(s => (s.Id, s.PMw)));
        Assert.Equal(0, net.Shunts.Single(s => s.Id == "3").QMvar);
    }

    [Fact]
    public void Cell_arrays_give_bus_names_and_other_fields_are_ignored_with_a_warning()
    {
        var result = Run(ThreeBuses + """

            mpc.bus_name = {
                'North';
                'Middle';
                'South';
            };
            mpc.areas = [1 1];
            """);

        Assert.Empty(result.Errors);
        Assert.Equal("Middle", TestGrids.Bus(result.Network!, "2").Name);
        Assert.Contains(result.Warnings, w => w.StartsWith("tiny.m:", StringComparison.Ordinal) && w.Contains("mpc.areas", StringComparison.Ordinal));
    }

    [Fact]
    public void Tap_shift_or_different_base_voltages_make_transformers()
    {
        var net = RunOk("""
            mpc.bus = [
                1  3  0   0  0  0  1  1  0  110  1  1.1  0.9;
                2  1  10  5  0  0  1  1  0  20   1  1.1  0.9;
                3  1  10  5  0  0  1  1  0  20   1  1.1  0.9;
                4  1  10  5  0  0  1  1  0  20   1  1.1  0.9;
            ];
            mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
            mpc.branch = [
                1  2  0.01  0.1  0     40  0  0  0      0  1;
                2  3  0.01  0.1  0.02  0   0  0  0.95   0  1;
                3  4  0.01  0.1  0     0   0  0  0     -30 0;
                2  4  0.01  0.1  0.02  0   0  0  0      0  1;
            ];
            """);

        Assert.Equal(["1", "2", "3"], net.Transformers.Select(t => t.Id));
        Assert.Equal(["4"], net.Lines.Select(l => l.Id));
        Assert.Equal(1.0, net.Transformers[0].TapRatio);
        Assert.Equal(40, net.Transformers[0].RatingMva);
        Assert.Equal(0.95, net.Transformers[1].TapRatio);
        Assert.Equal(-30, net.Transformers[2].ShiftDegree);
        Assert.False(net.Transformers[2].InService);
    }

    [Fact]
    public void Statements_that_cannot_be_understood_are_errors_with_their_line()
    {
        var result = Run(ThreeBuses + """

            mpc.bus(:, PD) = mpc.bus(:, PD) / 1e3;
            mpc.gen(:, 2) = scale_gen(mpc.gen(:, 2));
            x = 3;
            if x > 2
            """);

        Assert.Null(result.Network);
        Assert.Collection(
            result.Errors,
            e => Assert.Equal(("tiny.m:14", ValidationCodes.FileMalformed), (e.Path, e.Code)),
            e => Assert.Equal(("tiny.m:15", ValidationCodes.FileMalformed), (e.Path, e.Code)),
            e => Assert.Equal(("tiny.m:17", ValidationCodes.FileMalformed), (e.Path, e.Code)));
        Assert.Contains("'PD'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("scale_gen", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transposes_ranges_strings_and_trailing_dots_are_understood()
    {
        var net = RunOk("""
            mpc.bus = [
                1. 3  0   0   0  0  1  1  0  20  1  1.1  0.9;
                2  1  10  5   0  0  1  1  0  20  1  1.1  0.9;
                3  1  20  -4  0  0  1  1  0  20  1  1.1  0.9;
            ];
            mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
            mpc.branch = [ 1 2 0.01 0.1 0 0 0 0 0 0 1; 2 3 0.01 0.1 0 0 0 0 0 0 1 ];
            mpc.bus(:, 4) = [1 2 3]';
            mpc.bus(1:2:3, 5) = .5;
            mpc.bus_name = { 'it''s'; "two"; 'three' };
            """);

        Assert.Equal([1.0, 2.0, 3.0], net.Loads.Select(l => l.QMvar));
        Assert.Equal([("1", 0.5), ("3", 0.5)], net.Shunts.Select(s => (s.Id, s.PMw)));
        Assert.Equal("it's", TestGrids.Bus(net, "1").Name);
    }

    [Fact]
    public void Rows_of_different_lengths_are_an_error()
    {
        var result = Run("""
            mpc.bus = [
                1  3  0   0   0  0  1  1  0  20  1  1.1  0.9;
                2  1  10  5   0  0  1  1  0  20  1  1.1;
            ];
            """);

        Assert.Equal(("tiny.m:4", ValidationCodes.FileMalformed), (result.Errors[0].Path, result.Errors[0].Code));
        Assert.Contains("line 6", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_and_number_rows_cannot_be_mixed()
    {
        var result = Run(ThreeBuses + "\nmpc.x = ['ab'; 1 2];\nmpc.y = [1 'a'];\n");

        Assert.Equal(["tiny.m:14", "tiny.m:15"], result.Errors.Select(e => e.Path));
    }
}
