// The namespaces most files of this project import; a file names only the ones peculiar to it.
global using Lem.Domain.Reading;
global using Lem.Domain.Validation;
