using BenchmarkDotNet.Running;

namespace DeviceModel.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/DeviceModel.Benchmarks -- --filter '*'</c>; results go to docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
