// The namespaces most files of this project import; a file names only the ones peculiar to it.
global using System.Globalization;
global using System.Text.Json.Nodes;
global using Lem.Ledger;
global using Lem.Server.Engine;
global using NodaTime;
