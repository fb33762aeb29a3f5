using Npgsql;

namespace VillageCollective.Silo.Storage;

/// <summary>Registers the one <see cref="NpgsqlDataSource"/> and the stores over it.</summary>
public static class StorageServices
{
    /// <summary>Connection string name in configuration (<c>ConnectionStrings:VillageCollective</c>).</summary>
    public const string ConnectionName = "VillageCollective";

    /// <summary>
    /// The data source reads <c>ConnectionStrings:VillageCollective</c> when first used (so a test host's
    /// settings apply); a missing connection string is an <see cref="InvalidOperationException"/> then.
    /// </summary>
    /// <summary>Statements auto-prepared per connection unless the connection string says otherwise (Npgsql Max Auto Prepare).</summary>
    public const int MaxAutoPrepare = 64;

    public static IServiceCollection AddVillageStorage(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not set (scripts/run sets it).");
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // The same few statements run for every village (the register as of a date, the plan, the run): prepared once
            // per connection, they are no longer planned each time (a village's register was ~9 ms of planning in the
            // prefecture batch, docs/benchmarks.md). A connection string that sets Max Auto Prepare keeps its own value.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepare;
            return builder.Build();
        });
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Account>, Microsoft.AspNetCore.Identity.PasswordHasher<Account>>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<VillageQueries>();
        services.AddSingleton<RegisterQueries>();
        services.AddSingleton<Grains.Register.IRegisterStorage, RegisterStorage>();
        services.AddSingleton<Grains.Household.IHouseholdStorage, HouseholdStorage>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<BooksStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<ConsistencyStore>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<CountyStore>();
        services.AddSingleton<Partnerships.PartnershipStore>();
        services.AddSingleton<Grains.Partnerships.IPartnershipStorage, Partnerships.PartnershipGrainStorage>();
        services.AddSingleton<ComparisonStore>();
        services.AddSingleton<DividendRunStore>();
        // The village grain's books, plans and runs are kept by these stores.
        services.AddSingleton<Grains.Books.IBooksStorage>(provider => provider.GetRequiredService<BooksStore>());
        services.AddSingleton<Grains.Assembly.IPlanStorage>(provider => provider.GetRequiredService<PlanStore>());
        services.AddSingleton<Grains.Dividends.IDividendRunStorage>(provider => provider.GetRequiredService<DividendRunStore>());
        services.AddSingleton<AccountStore>();
        services.AddSingleton<DividendDay.MeetingStore>();
        services.AddSingleton<DividendDay.PayoutEvents>();
        services.AddSingleton<Grains.DividendDay.IMeetingStorage, DividendDay.MeetingStorage>();
        services.AddSingleton<DividendDay.PayoutQueries>();
        services.AddSingleton<DividendDay.PayoutNotifications>();
        services.AddSingleton<Demo.DemoLoader>();
        services.AddSingleton<Demo.DemoCountyLoader>();
        return services;
    }
}
