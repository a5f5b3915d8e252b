// Records the query plan of every SELECT a connection runs, for tests that check the vault's
// queries use their indexes.
import { expect } from 'vitest';
import type { Connection } from '../../main/vault/sqlite.ts';

export interface PlanRecorder {
  /** Every recorded statement, one line of SQL then its plan lines. */
  readonly plans: string[];
  /** The plan of the latest statement whose SQL matches (fails the test when there is none). */
  planOf(fragment: RegExp): string;
}

/** Wraps `conn.prepare` so each SELECT's plan is recorded before it runs as usual. */
export function recordPlans(conn: Connection): PlanRecorder {
  const plans: string[] = [];
  const prepare = conn.prepare.bind(conn);
  (conn as { prepare: typeof conn.prepare }).prepare = ((sql: string) => {
    const statement = prepare(sql);
    const record = (params: unknown[]) => {
      if (/^\s*SELECT/i.test(sql)) {
        const detail = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
        plans.push(`${sql.replace(/\s+/g, ' ').trim()}\n  ${detail.join('\n  ')}`);
      }
    };
    const run = statement.all.bind(statement);
    (statement as { all: typeof statement.all }).all = ((...params: unknown[]) => {
      record(params);
      return run(...params);
    }) as typeof statement.all;
    const iterate = statement.iterate.bind(statement);
    (statement as { iterate: typeof statement.iterate }).iterate = ((...params: unknown[]) => {
      record(params);
      return iterate(...params);
    }) as typeof statement.iterate;
    return statement;
  }) as typeof conn.prepare;
  return {
    plans,
    planOf(fragment) {
      const found = plans.filter((p) => fragment.test(p.split('\n')[0]!));
      expect(found.length).toBeGreaterThan(0);
      return found.at(-1)!;
    },
  };
}
