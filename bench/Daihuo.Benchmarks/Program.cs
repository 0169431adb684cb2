using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Daihuo.Benchmarks -- --filter '*Pricing*'
BenchmarkSwitcher.FromAssembly(typeof(Daihuo.Benchmarks.Promotions.PricingBenchmarks).Assembly).Run(args);
