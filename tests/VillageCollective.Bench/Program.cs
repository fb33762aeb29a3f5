using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// scripts/bench starts a throw-away PostgreSQL, sets VC_BENCH_DATABASE and runs this; it then
// copies the markdown reports into docs/benchmarks.md. In-process: nothing is rebuilt per benchmark.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(VillageCollective.Bench.BenchDatabase).Assembly).Run(args, config);
