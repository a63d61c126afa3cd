using System.Text.RegularExpressions;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// The README's command lines run from a fresh clone: every file they read is shipped inside the repository, and
/// every <c>lem</c> subcommand they name exists.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    /// <summary>Options whose value is written, not read.</summary>
    private static readonly HashSet<string> OutputOptions = ["--out", "--data"];

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    /// <summary>The <c>./lem …</c> commands of the README's shell blocks, continuation lines joined, comments removed.</summary>
    private static List<string> Commands()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var commands = new List<string>();
        foreach (Match block in ShellBlock().Matches(readme))
        {
            var joined = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (var line in joined.Split('\n'))
            {
                var code = line.Split(" #")[0].Trim();
                if (code.StartsWith("./lem ", StringComparison.Ordinal))
                {
                    commands.Add(code);
                }
            }
        }

        return commands;
    }

    /// <summary>The arguments that name input files: a dot-extension or a folder in them, not after an output option.</summary>
    private static IEnumerable<string> InputFiles(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            // Option values that are numbers (--alpha 0.9) have a "dot-extension" but name no file.
            if (w.StartsWith('-') || w.Contains("://", StringComparison.Ordinal) || OutputOptions.Contains(words[i - 1])
                || double.TryParse(w, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            if (Path.HasExtension(w) || w.Contains('/', StringComparison.Ordinal))
            {
                yield return w;
            }
        }
    }

    [Fact]
    public void ReadmeCommands_ReadOnlyFilesShippedInTheRepository()
    {
        var commands = Commands();
        Assert.True(commands.Count >= 15, $"only {commands.Count} README commands found");
        var problems = new List<string>();
        var files = 0;
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            foreach (var file in InputFiles(command))
            {
                files++;
                if (written.Contains(file))
                {
                    continue; // a run folder an earlier README command writes (lem report out/village)
                }

                var full = Path.GetFullPath(Path.Combine(RepoPaths.Root, file));
                if (!full.StartsWith(Path.GetFullPath(RepoPaths.Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    problems.Add($"{command}: {file} is outside the repository");
                }
                else if (!File.Exists(full))
                {
                    problems.Add($"{command}: {file} does not exist");
                }
            }

            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < words.Length; i++)
            {
                if (OutputOptions.Contains(words[i - 1]))
                {
                    written.Add(words[i]);
                }
            }
        }

        Assert.True(files >= 10, $"only {files} input files found in the README commands");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ReadmeCommands_NameExistingSubcommands()
    {
        var root = LemApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null));
        var names = root.Subcommands.Select(c => c.Name).ToHashSet();
        foreach (var command in Commands())
        {
            var sub = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.True(sub.StartsWith('-') || names.Contains(sub), $"{command}: no subcommand '{sub}'");
        }
    }
}
