import { Text } from './settings';

/** What a slice sees besides its own settings while it builds its configuration. */
export interface SliceContext {
  /** Where vigil keeps its files (VIGIL_DATA_DIR, resolved). */
  readonly dataDir: string;
  /** Every VIGIL_* setting as read (file, then environment), for settings a slice names itself. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The process environment, for variables that are no VIGIL_* setting (UV_THREADPOOL_SIZE). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a slice reports each problem, as `KEY: what is wrong`. */
  readonly problems: string[];
}

/**
 * A module's part of the configuration: the class declaring and validating its VIGIL_* settings
 * (class-validator rules, see ./settings), and how the validated settings become its typed config.
 */
export interface ConfigSlice<S extends object = object, C = unknown> {
  readonly settings: new () => S;
  build(settings: S, context: SliceContext): C;
  /** Keys this configuration makes settings (`VIGIL_SITE_<NAME>_USER` of a configured API site). */
  extraKeys?(config: C): string[];
}

/** The settings every slice may need: where vigil keeps its files. */
export class CoreSettings {
  @Text()
  VIGIL_DATA_DIR?: string;
}

/** Declares a slice, inferring its types. */
export function configSlice<S extends object, C>(slice: ConfigSlice<S, C>): ConfigSlice<S, C> {
  return slice;
}
