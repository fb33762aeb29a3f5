using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// scripts/bench starts a throw-away PostgreSQL, sets VC_BENCH_DATABASE and runs this; it then
// copies the markdown reports into docs/benchmarks.md. In-process: nothing is rebuilt per benchmark.
// "--payout-load N OUT.md" runs the dividend-day load (PayoutMarkingLoad) instead and writes its section to OUT.md.
if (args.Length == 3 && args[0] == "--payout-load")
{
    var section = await VillageCollective.Bench.PayoutMarkingLoad.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    await File.WriteAllTextAsync(args[2], section);
    Console.WriteLine(section);
    return;
}
// "--prefecture N OUT.md" runs the prefecture batch (PrefectureBatchLoad) over N generated villages and writes its section to OUT.md.
if (args.Length == 3 && args[0] == "--prefecture")
{
    var section = await VillageCollective.Bench.PrefectureBatchLoad.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    await File.WriteAllTextAsync(args[2], section);
    Console.WriteLine(section);
    return;
}
// "--register-load N OUT.md" runs a share transfer through the village grain in an N-household village against Baiyanghe (RegisterTransferLoad).
if (args.Length == 3 && args[0] == "--register-load")
{
    var section = await VillageCollective.Bench.RegisterTransferLoad.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    await File.WriteAllTextAsync(args[2], section);
    Console.WriteLine(section);
    return;
}
// "--silo-startup OUT.md" times a silo process's start until /health and its idle memory (SiloStartup).
if (args.Length == 2 && args[0] == "--silo-startup")
{
    var section = await VillageCollective.Bench.SiloStartup.RunAsync();
    await File.WriteAllTextAsync(args[1], section);
    Console.WriteLine(section);
    return;
}
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(VillageCollective.Bench.BenchDatabase).Assembly).Run(args, config);
