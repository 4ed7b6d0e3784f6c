import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const TARGET_STATUSES = ['NEW', 'PASS', 'FAIL'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** A target's state and counters as the API shows them; kept by the probing engine. */
export interface TargetStateView {
  status: TargetStatus;
  statusDescription: string | null;
  previousStatus: TargetStatus | null;
  lastUpdated: Date;
  lastProbeAt: Date | null;
  lastResponseTimeMs: number | null;
  passCount: number;
  failCount: number;
  status2xxCount: number;
  status3xxCount: number;
  status4xxCount: number;
  status5xxCount: number;
  networkFailCount: number;
  /** Consecutive failed probes; reset by a passing probe. */
  repeatedFailCount: number;
}

/** What the reader needs of a target: its id, and its creation for one never probed. */
export interface TargetKey {
  id: number;
  createdAt: Date;
}

/** The state fields a list of targets is filtered or sorted by. */
export type StateSortField = 'status' | 'lastProbeAt';

/**
 * Reads targets' states for the Targets module, which owns only the definitions. Provided by the
 * probing engine under TARGET_STATE_READER.
 */
export interface TargetStateReader {
  /**
   * The states of these targets (one query), in the order given; a target not yet probed has
   * the state NEW dated from its creation.
   */
  statesOf(targets: readonly TargetKey[]): Promise<TargetStateView[]>;
  /**
   * Joins the states to a query of targets (aliased `alias`); answers the SQL expression of a
   * state field, for filters and sorting.
   */
  joinStates(
    qb: SelectQueryBuilder<ObjectLiteral>,
    alias: string,
  ): (field: StateSortField) => string;
}

export const TARGET_STATE_READER = Symbol('TargetStateReader');
