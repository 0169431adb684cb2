using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Daihuo.Benchmarks -- --filter '*Pricing*'   (or '*Scan*')
BenchmarkSwitcher.FromAssembly(typeof(Daihuo.Benchmarks.Promotions.PricingBenchmarks).Assembly).Run(args);
