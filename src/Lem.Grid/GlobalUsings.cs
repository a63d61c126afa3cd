// The namespaces most files of this project import; a file names only the ones peculiar to it.
global using Lem.Grid.Indexing;
global using Lem.Grid.Network;
global using Lem.Optimization;
