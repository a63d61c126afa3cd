// The namespaces most files of this project import; a file names only the ones peculiar to it.
global using System.CommandLine;
global using System.Globalization;
global using System.Text.Json.Serialization;
global using Lem.Cli.Output;
global using Lem.Cli.Output.Records;
global using Spectre.Console;
global using static Lem.Cli.Output.InvariantText;
