using System;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public class FollowUpOptionsTests
{
    public static TheoryData<Action<FollowUpOptions>, string> BadOptions() => new()
    {
        { o => o.ResponseTimes[LeadAction.PartnerLedTrial] = TimeSpan.Zero, "FollowUpOptions.ResponseTimes[PartnerLedTrial] must be positive; it is 00:00:00." },
        { o => o.ResponseTimes[LeadAction.DoNotContact] = TimeSpan.FromHours(1), "FollowUpOptions.ResponseTimes[DoNotContact] must not be set" },
        { o => o.Cadence[FunnelStage.Suppressed] = [TimeSpan.Zero], "FollowUpOptions.Cadence[Suppressed] is not allowed" },
        { o => o.Cadence[FunnelStage.Trial] = [TimeSpan.FromDays(2), TimeSpan.FromDays(1)], "FollowUpOptions.Cadence[Trial][1] must not be earlier than the touch before it (2.00:00:00); it is 1.00:00:00." },
        { o => o.Cadence[FunnelStage.Interest] = [TimeSpan.FromDays(-1)], "FollowUpOptions.Cadence[Interest][0] must not be negative; it is -1.00:00:00." },
        { o => o.CloseAfter = TimeSpan.FromHours(-2), "FollowUpOptions.CloseAfter must be positive or null; it is -02:00:00." },
        { o => o.QualificationRules.Add(null!), "FollowUpOptions.QualificationRules[0] is null." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_BadOption_ThrowsNamingPropertyAndValue(Action<FollowUpOptions> configure, string message)
    {
        var options = new FollowUpOptions();
        configure(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => new FollowUpPlanner(options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheOptions()
    {
        var options = new FollowUpOptions();
        var (planner, _) = Planner(options);
        options.ResponseTimes[LeadAction.PartnerLedTrial] = TimeSpan.FromHours(1);

        var deadline = Assert.Single(Assert.Single(planner.Plan(ProfileOf(Ana()), FollowUpLog.Empty).Offers).Responses);

        Assert.Equal(Start.AddHours(24), deadline.RespondBy);
    }

    [Fact]
    public void Cadence_EmptyForAStage_MeansNoSchedule()
    {
        var options = new FollowUpOptions();
        options.Cadence[FunnelStage.Interest] = [];
        var (planner, _) = Planner(options);

        Assert.Equal(FollowUpStatus.NotScheduled, Assert.Single(planner.Plan(ProfileOf(Ana()), FollowUpLog.Empty).Offers).Status);
    }

    [Fact]
    public async Task UseFollowUp_RegistersAPlannerOnTheRegisteredTimeProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start.AddDays(3)));
        services.AddMarketplaceLeads().UseFollowUp(o => o.ResponseTimes[LeadAction.PartnerLedTrial] = TimeSpan.FromHours(48));
        services.AddMarketplaceLeads().UseFollowUp();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var planner = provider.GetRequiredService<IFollowUpPlanner>();
        var plan = planner.Plan(ProfileOf(Ana()), FollowUpLog.Empty);

        Assert.Same(planner, provider.GetRequiredService<IFollowUpPlanner>());
        Assert.Single(services, d => d.ServiceType == typeof(IFollowUpPlanner));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<FollowUpOptions>));
        Assert.Equal(Start.AddDays(3), plan.PlannedAt);
        Assert.Equal(Start.AddHours(48), Assert.Single(Assert.Single(plan.Offers).Responses).RespondBy);
    }

    [Fact]
    public async Task UseFollowUp_BadOption_FailsStartWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMarketplaceLeads().AddSink(new InMemoryLeadSink()).UseFollowUp(o => o.CloseAfter = TimeSpan.Zero);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("FollowUpOptions.CloseAfter must be positive or null; it is 00:00:00.", error.Message, StringComparison.Ordinal);
    }
}
