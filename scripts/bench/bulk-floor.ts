// The hand-written floor of a bulk "Todas" round robin: SQL that performs exactly the product's
// writes for the bench's case — owners dealt oldest-waiting first, open deals and pending
// activities and tasks carried, one history entry per conversation, the round-robin counters —
// and nothing else (no visibility, no count, no lock-then-plan steps), plus the digest that
// shows the two did the same thing row for row.
import { sql } from "drizzle-orm";
import { queryRows, type Connection } from "@/db/client";
import { uuidArray } from "@/lib/sql";

export async function bulkFloor(conn: Connection, accountId: string, actorId: string, sellers: string[]): Promise<void> {
  // The product deals first to whoever has been dealt fewest, then by id: from fresh counters, by id.
  const pool = [...sellers].sort();
  await conn.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into round_robin_counters (account_id, user_id)
      select ${accountId}, u from unnest(${uuidArray(pool)}) u on conflict do nothing`);
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`
      with dealt as (
        select id, contact_id,
          (${uuidArray(pool)})[((row_number() over (order by last_inbound_at asc nulls last, last_message_at asc, id) - 1) % ${pool.length}) + 1] as owner
        from conversations where account_id = ${accountId} and status = 'open' and owner_id is null
      ), updated as (
        update conversations c set owner_id = d.owner, version = c.version + 1
        from dealt d where c.account_id = ${accountId} and c.id = d.id
        returning c.id, d.contact_id, d.owner
      ), o as (
        update opportunities r set owner_id = u.owner from updated u
        where r.account_id = ${accountId} and r.contact_id = u.contact_id and r.status = 'open' and r.owner_id is distinct from u.owner
        returning u.id
      ), a as (
        update activities r set owner_id = u.owner from updated u
        where r.account_id = ${accountId} and r.contact_id = u.contact_id and r.status = 'pending' and r.owner_id is distinct from u.owner
        returning u.id
      ), t as (
        update tasks r set owner_id = u.owner from updated u
        where r.account_id = ${accountId} and r.contact_id = u.contact_id and r.status = 'pending' and r.owner_id is distinct from u.owner
        returning u.id
      ), moved as (
        select id, count(*) filter (where k = 'o') o, count(*) filter (where k = 'a') a, count(*) filter (where k = 't') t
        from (select id, 'o' k from o union all select id, 'a' from a union all select id, 't' from t) m group by id
      )
      insert into history_entries (account_id, conversation_id, actor_id, kind, data)
      select ${accountId}, u.id, ${actorId}, 'conversation.assigned',
        ('{"from":null,"to":"' || u.owner || '","mode":"round_robin"'
          || case when coalesce(m.o + m.a + m.t, 0) > 0
               then ',"transferred":{"contact":0,"opportunities":' || m.o || ',"activities":' || m.a || ',"tasks":' || m.t || '}'
               else '' end || '}')::json
      from updated u left join moved m on m.id = u.id`);
    await tx.execute(sql`
      update round_robin_counters r set dealt = r.dealt + n.n, updated_at = now()
      from (select owner_id, count(*) n from conversations
            where account_id = ${accountId} and owner_id = any(${uuidArray(pool)}) group by owner_id) n
      where r.account_id = ${accountId} and r.user_id = n.owner_id`);
  });
}

/** What a bulk wrote in one account, as one hash per table: equal hashes, the same writes. */
export async function bulkDigest(conn: Connection, accountId: string): Promise<Record<string, string>> {
  const [row] = await queryRows<Record<string, string>>(
    conn.db,
    sql`select
      (select md5(string_agg(id || ':' || coalesce(owner_id::text, '-') || ':' || version || ':' || unread, ',' order by id))
         from conversations where account_id = ${accountId}) as conversations,
      (select md5(string_agg(id || ':' || coalesce(owner_id::text, '-'), ',' order by id)) from opportunities where account_id = ${accountId}) as opportunities,
      (select md5(string_agg(id || ':' || coalesce(owner_id::text, '-'), ',' order by id)) from activities where account_id = ${accountId}) as activities,
      (select md5(string_agg(id || ':' || coalesce(owner_id::text, '-'), ',' order by id)) from tasks where account_id = ${accountId}) as tasks,
      (select md5(string_agg(conversation_id || ':' || coalesce(actor_id::text, '-') || ':' || kind || ':' || data::text, ',' order by conversation_id, kind, data::text))
         from history_entries where account_id = ${accountId}) as history,
      (select md5(string_agg(user_id || ':' || dealt, ',' order by user_id)) from round_robin_counters where account_id = ${accountId}) as counters`,
  );
  return row!;
}

/**
 * Puts an account back as the seed left it, so the floor starts from the state the product did:
 * owners and versions from a copy taken before, its history and counters removed. History is
 * append-only for everyone else; in the bench's own database its guard is bypassed for this.
 */
export async function snapshotOwners(conn: Connection, accountId: string): Promise<() => Promise<void>> {
  const tables = ["conversations", "opportunities", "activities", "tasks"] as const;
  for (const table of tables) {
    await conn.db.execute(sql.raw(`create table bench_before_${table} as select id, owner_id${table === "conversations" ? ", version" : ""} from ${table} where account_id = '${accountId}'`));
  }
  return async () => {
    await conn.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const table of tables) {
        await tx.execute(sql.raw(`update ${table} t set owner_id = b.owner_id${table === "conversations" ? ", version = b.version" : ""}
          from bench_before_${table} b where t.account_id = '${accountId}' and t.id = b.id`));
        await tx.execute(sql.raw(`drop table bench_before_${table}`));
      }
      await tx.execute(sql`delete from history_entries where account_id = ${accountId}`);
      await tx.execute(sql`delete from round_robin_counters where account_id = ${accountId}`);
    });
    await conn.db.execute(sql`vacuum analyze conversations, opportunities, activities, tasks, history_entries, round_robin_counters`);
  };
}
