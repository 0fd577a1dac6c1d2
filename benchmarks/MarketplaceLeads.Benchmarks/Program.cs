using BenchmarkDotNet.Running;

namespace MarketplaceLeads.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkSwitcher), e.g. <c>--filter *LeadSource*</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
