// The namespaces most files of this project import; a file names only the ones peculiar to it.
global using System.Diagnostics;
global using System.Globalization;
global using NodaTime;
