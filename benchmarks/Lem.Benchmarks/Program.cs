using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Lem.Benchmarks.PowerFlow.PowerFlowBenchmarks).Assembly).Run(args);
