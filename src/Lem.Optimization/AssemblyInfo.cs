// Every P/Invoke of this assembly loads its native library from the application and system directories only.
[assembly: DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
