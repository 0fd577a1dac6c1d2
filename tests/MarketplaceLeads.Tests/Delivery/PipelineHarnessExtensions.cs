using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Tests;

/// <summary>What only the core's tests may see of a harness: the pipeline behind the processor (an internal type).</summary>
internal static class PipelineHarnessExtensions
{
    extension(PipelineHarness harness)
    {
        /// <summary>Gets the pipeline behind <see cref="PipelineHarness.Processor"/>.</summary>
        public LeadPipeline Pipeline => (LeadPipeline)harness.Processor;
    }
}
