using System.Text.RegularExpressions;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// Every relative link of README.md, docs/ and examples/ Markdown, and every <c>docs/…</c> file a source comment cites,
/// resolves to a file inside the repository (a fresh clone has nothing beside it).
/// </summary>
public sealed partial class DocsLinkTests
{
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"docs/[A-Za-z0-9_./-]+\.(md|json)")]
    private static partial Regex DocsCitation();

    private static IEnumerable<string> MarkdownFiles() =>
        new[] { RepoPaths.InRepo("README.md") }
            .Concat(Directory.EnumerateFiles(RepoPaths.InRepo("docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepoPaths.InRepo("examples"), "*.md", SearchOption.AllDirectories));

    private static bool InsideRepository(string fullPath)
    {
        var root = Path.GetFullPath(RepoPaths.Root) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownLinks_ResolveInsideTheRepository()
    {
        var problems = new List<string>();
        var links = 0;
        foreach (var file in MarkdownFiles())
        {
            foreach (Match m in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal) || target.StartsWith('#'))
                {
                    continue;
                }

                links++;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target.Split('#')[0]));
                if (!InsideRepository(path))
                {
                    problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {target} leaves the repository");
                }
                else if (!File.Exists(path) && !Directory.Exists(path))
                {
                    problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {target} does not exist");
                }
            }
        }

        Assert.True(links > 50, $"only {links} relative links found; is the link pattern still right?");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void SourceComments_CiteDocsThatExist()
    {
        var problems = new List<string>();
        var citations = 0;
        foreach (var folder in new[] { "src", "tests", "benchmarks" })
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.InRepo(folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                Assert.DoesNotContain("FORMULATIONS" + ".md", text, StringComparison.Ordinal);
                foreach (Match m in DocsCitation().Matches(text))
                {
                    citations++;
                    if (!File.Exists(RepoPaths.InRepo(m.Value.Split('/'))))
                    {
                        problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {m.Value} does not exist");
                    }
                }
            }
        }

        Assert.True(citations > 50, $"only {citations} citations of docs/ found");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
