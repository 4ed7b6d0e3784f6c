import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigSlice, CoreSettings, SliceContext } from './config-slice';
import { knownKeys, unknownEnvironmentVariables, unknownFileKeys } from './unknown-keys';

/** Raised when configuration is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The slices of a configuration, by name. */
export type Slices = Readonly<Record<string, ConfigSlice>>;

/** The configuration the slices build, under the same names. */
export type ConfigOf<T extends Slices> = {
  readonly [K in keyof T]: T[K] extends ConfigSlice<object, infer C> ? C : never;
};

export interface LoadedSettings<T extends Slices> {
  dataDir: string;
  slices: ConfigOf<T>;
  /** Problems that do not stop start-up (unknown VIGIL_* variables). */
  warnings: string[];
}

function readConfigFile(path: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`VIGIL_CONFIG: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  problems.push(`VIGIL_CONFIG: ${path} must hold a JSON object of VIGIL_* keys`);
  return {};
}

/** Settings whose values may hold credentials: never echoed in a problem. */
const SECRET_SETTING = /URL|USERS|PASSWORD|SECRET|KEY/;

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => {
      const text = message.startsWith(`${e.property} `)
        ? message.slice(e.property.length + 1)
        : message;
      const shown = SECRET_SETTING.test(e.property) ? '' : ` (got ${JSON.stringify(e.value)})`;
      return `${e.property}: ${text}${shown}`;
    }),
  );
}

/** The settings `type` declares; a value that breaks its rules is reported and left unset. */
function validated<S extends object>(
  type: new () => S,
  settings: Record<string, unknown>,
  problems: string[],
): S {
  const instance = plainToInstance(type, settings);
  const errors = validateSync(instance);
  problems.push(...flatten(errors));
  for (const error of errors) delete (instance as Record<string, unknown>)[error.property];
  return instance;
}

/** Every setting the slices declare, VIGIL_DATA_DIR first. */
export function settingKeys(slices: Slices): readonly string[] {
  return knownKeys([CoreSettings, ...Object.values(slices).map((slice) => slice.settings)]);
}

/**
 * Reads VIGIL_* settings from the environment, over those of the JSON file named by VIGIL_CONFIG,
 * validates each slice's settings and builds each slice's configuration, or throws a ConfigError
 * listing every problem. A key of the file that is no setting is a problem (the file is vigil's
 * alone); an unknown VIGIL_* environment variable is only a warning (the environment is shared
 * with other tools).
 */
export function loadSettings<T extends Slices>(slices: T, env: Env): LoadedSettings<T> {
  const problems: string[] = [];
  const fromFile = env.VIGIL_CONFIG ? readConfigFile(env.VIGIL_CONFIG, problems) : {};
  // unknown keys of the file are listed first, once the configured sites tell which are settings
  const fileProblemsAt = problems.length;
  const settings: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('VIGIL_') && key !== 'VIGIL_CONFIG' && value !== undefined && value !== '') {
      settings[key] = value;
    }
  }
  const core = validated(CoreSettings, settings, problems);
  const entries = Object.entries(slices).map(
    ([name, slice]) => [name, slice, validated(slice.settings, settings, problems)] as const,
  );
  const context: SliceContext = {
    dataDir: resolve(core.VIGIL_DATA_DIR ?? './data'),
    settings,
    env,
    problems,
  };
  const built: Record<string, unknown> = {};
  const extra: string[] = [];
  for (const [name, slice, values] of entries) {
    const config = slice.build(values, context);
    built[name] = config;
    extra.push(...(slice.extraKeys?.(config) ?? []));
  }
  const keys = [...settingKeys(slices), ...extra];
  if (env.VIGIL_CONFIG) {
    problems.splice(fileProblemsAt, 0, ...unknownFileKeys(fromFile, env.VIGIL_CONFIG, keys));
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return {
    dataDir: context.dataDir,
    slices: built as ConfigOf<T>,
    warnings: unknownEnvironmentVariables(env, keys),
  };
}
