using System.Data;
using Npgsql;
using VillageCollective.Grains.Register;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Storage;

/// <summary>
/// The village grain's register storage over PostgreSQL: loads a village's register at its version (one snapshot), and
/// commits a command's change in one transaction that first locks the village and checks the version (migration 0017),
/// then writes everything in one batch and reads the new version.
/// </summary>
public sealed class RegisterStorage(NpgsqlDataSource dataSource) : IRegisterStorage
{
    public async Task<LoadedShareRegister> LoadAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the version and everything read after it, so the version names exactly what was loaded.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var version = await VersionAsync(connection, transaction, villageId, cancellationToken) ?? throw NotFound("villageId", "村");
        var loaded = await ShareRegisterStore.LoadAsync(connection, transaction, villageId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoadedShareRegister(loaded.Register, loaded.HouseholdIds, version);
    }

    public async Task<IReadOnlyList<CurrentMember>> MembersAsync(long householdId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var members = await HouseholdStore.MembersAsync(connection, transaction, householdId, cancellationToken);
        return [.. members.Select(m => new CurrentMember(m.Id, m.Name, m.Relation))];
    }

    public async Task<long?> VersionAsync(long villageId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await VersionAsync(connection, null, villageId, cancellationToken);
    }

    public async Task<RegisterCommitted?> CommitAsync(long villageId, long expectedVersion, RegisterChange change,
        IReadOnlyDictionary<int, long> householdIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(householdIds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (actor, address) = AuditContext.Current;
        await using (var check = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT set_config('vc.actor', $1, true), set_config('vc.address', $2, true)") { Parameters = { new() { Value = actor }, new() { Value = address } } },
                new("SELECT version FROM villages WHERE id = $1 FOR UPDATE") { Parameters = { new() { Value = villageId } } },
            },
        })
        {
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw NotFound("villageId", "村");
            if (reader.GetInt64(0) != expectedVersion) return null;
        }

        // Households by id (the grain holds them), so every statement probes the primary key and none scans the village's
        // households: a command costs the same in a village of 300 households as in one of 10,000. A split's new household
        // is inserted first, for its id.
        var ids = new Dictionary<int, long>(householdIds);
        long? openedId = null;
        if (change.Opened is { } opened)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO households (village_id, number, head_name, village_group, address)
                SELECT $1, $2, $3, village_group, address FROM households WHERE id = $4
                RETURNING id
                """, connection, transaction);
            insert.Parameters.Add(new() { Value = villageId });
            insert.Parameters.Add(new() { Value = opened.Number });
            insert.Parameters.Add(new() { Value = opened.HeadName });
            insert.Parameters.Add(new() { Value = ids[opened.LikeHousehold] });
            openedId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            ids[opened.Number] = openedId.Value;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(AppendMovements(villageId, change.Movements, ids));
        if (change.MembersMoveTo is { } to && change.MovingMembers is { Count: > 0 } moving)
        {
            batch.BatchCommands.Add(new("""
                UPDATE members m SET household_id = $2, relation = t.r
                FROM unnest($3::bigint[], $4::text[]) AS t(id, r) WHERE m.id = t.id AND m.village_id = $1
                """) { Parameters = { new() { Value = villageId }, new() { Value = ids[to] }, new() { Value = moving.Select(m => m.Id).ToArray() }, new() { Value = moving.Select(m => m.Relation).ToArray() } } });
        }
        if (change.Ended is { } ended)
        {
            batch.BatchCommands.Add(new("UPDATE households SET ended_on = $2, ended_reason = $3 WHERE id = $1")
                { Parameters = { new() { Value = ids[ended.Number] }, new() { Value = ended.On }, new() { Value = ended.Reason } } });
        }
        var first = change.Movements[0].Info;
        var touched = change.Movements.SelectMany(m => m.Legs).Select(l => ids[l.Household]).Distinct().ToArray();
        foreach (var command in CertificateStore.ReissueCommands(villageId, touched, first.EffectiveOn, first.EnteredBy)) batch.BatchCommands.Add(command);
        batch.BatchCommands.Add(new("SELECT version FROM villages WHERE id = $1") { Parameters = { new() { Value = villageId } } });

        long version;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (reader.FieldCount != 1 || reader.GetName(0) != "version")
            {
                await reader.NextResultAsync(cancellationToken);
            }
            await reader.ReadAsync(cancellationToken);
            version = reader.GetInt64(0);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RegisterCommitted(version, openedId);
    }

    public Task<long?> SaveCharterAsync(long villageId, long expectedVersion, ShareCharter charter, string actor, CancellationToken cancellationToken) =>
        VersionedAsync(villageId, expectedVersion, (connection, transaction) =>
            CharterStore.SaveAsync(connection, transaction, villageId, charter, actor, cancellationToken), cancellationToken);

    public Task<long?> SaveDistributionRulesAsync(long villageId, long expectedVersion, decimal minReservePercent, string unclaimedPayouts,
        CancellationToken cancellationToken) =>
        VersionedAsync(villageId, expectedVersion, async (connection, transaction) =>
        {
            await using var update = new NpgsqlCommand("UPDATE villages SET min_reserve_percent = $2, unclaimed_payouts = $3 WHERE id = $1", connection, transaction);
            update.Parameters.Add(new() { Value = villageId });
            update.Parameters.Add(new() { Value = minReservePercent });
            update.Parameters.Add(new() { Value = unclaimedPayouts });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<int> IssueMissingCertificatesAsync(long villageId, DateOnly on, string actor, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var issued = await CertificateStore.IssueMissingAsync(connection, transaction, villageId, on, actor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return issued;
        }
    }

    public async Task<RegisterImportOutcome> ImportAsync(long villageId, IReadOnlyList<string[]> rows, DateOnly effectiveOn, string reason, string actor,
        CancellationToken cancellationToken)
    {
        var (summary, errors) = await Import.RegisterImportStore.ImportAsync(dataSource, villageId, rows, effectiveOn, reason, actor, cancellationToken);
        return summary is null
            ? new RegisterImportOutcome(0, 0, 0m, 0, 0, [.. errors.Select(e => new RegisterImportError(e.Row, e.Column, e.Rule, e.Message))])
            : new RegisterImportOutcome(summary.Households, summary.Members, summary.Shares, summary.FirstMovementNo, summary.LastMovementNo, []);
    }

    public Exception NotFound(string field, string what) => ProblemException.NotFound(field, what);

    // The legs of all movements in one statement, in order.
    private static NpgsqlBatchCommand AppendMovements(long villageId, IReadOnlyList<ShareMovement> movements, Dictionary<int, long> ids)
    {
        var legs = movements.SelectMany(m => m.Legs.Select(l => (Movement: m, Leg: l))).ToList();
        return new("""
            INSERT INTO share_movements (village_id, movement_no, household_id, share_class, delta, effective_on, kind, reason, document_ref, entered_by, reverses_no)
            SELECT $1, t.no, t.h, t.c, t.d, t.e, t.k, t.r, t.doc, t.who, t.rev
            FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::numeric[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
                 WITH ORDINALITY AS t(no, h, c, d, e, k, r, doc, who, rev, ord)
            ORDER BY t.ord
            """)
        {
            Parameters =
            {
                new() { Value = villageId },
                new() { Value = legs.Select(x => x.Movement.No).ToArray() },
                new() { Value = legs.Select(x => ids[x.Leg.Household]).ToArray() },
                new() { Value = legs.Select(x => x.Leg.ShareClass).ToArray() },
                new() { Value = legs.Select(x => x.Leg.Delta).ToArray() },
                new() { Value = legs.Select(x => x.Movement.Info.EffectiveOn).ToArray() },
                new() { Value = legs.Select(x => MovementKinds.Code(x.Movement.Kind)).ToArray() },
                new() { Value = legs.Select(x => x.Movement.Info.Reason).ToArray() },
                new() { Value = legs.Select(x => x.Movement.Info.DocumentRef).ToArray() },
                new() { Value = legs.Select(x => x.Movement.Info.EnteredBy).ToArray() },
                new() { Value = legs.Select(x => x.Movement.Reverses).ToArray() },
            },
        };
    }

    // One transaction: lock the village, compare its version, write, read the new version. Null when the version differed.
    private async Task<long?> VersionedAsync(long villageId, long expectedVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task> write,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await VillageLock.BeginAsync(dataSource, villageId, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            if (await VersionAsync(connection, transaction, villageId, cancellationToken) != expectedVersion) return null;
            await write(connection, transaction);
            var version = await VersionAsync(connection, transaction, villageId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return version;
        }
    }

    private static async Task<long?> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long villageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM villages WHERE id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = villageId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }
}
