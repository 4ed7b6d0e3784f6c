import { getMetadataStorage } from 'class-validator';

/**
 * VIGIL_* variables that are not server settings but belong to the `vigil` CLI or to the test
 * harness: a server started from the same shell (`vigil serve`, a test) must not warn about them.
 */
const NOT_SERVER_SETTINGS = new Set([
  'VIGIL_CONFIG',
  'VIGIL_URL',
  'VIGIL_USER',
  'VIGIL_PASSWORD',
  'VIGIL_CA_FILE',
  'VIGIL_TARGET_PASSWORD',
  'VIGIL_SMTP_PASSWORD',
]);
const NOT_SERVER_PREFIXES = ['VIGIL_TEST_', 'VIGIL_FUZZ_'];

/** Every setting the classes declare (and validate), in declaration order. */
export function knownKeys(types: readonly (new () => object)[]): readonly string[] {
  const storage = getMetadataStorage();
  return [
    ...new Set(
      types.flatMap((type) =>
        storage.getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName),
      ),
    ),
  ];
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
 * two neighbours (`PROT` -> `PORT`) each count 1.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The known key a mistyped one most likely meant, or undefined when none is close: case is
 * ignored, a missing `VIGIL_` prefix is supplied, a key cut short counts as close
 * (`VIGIL_DATABASE` -> `VIGIL_DATABASE_URL`), and of equally close keys the one sharing the
 * longest beginning wins.
 */
export function closestKey(key: string, keys: readonly string[]): string | undefined {
  const upper = key.toUpperCase();
  const name = upper.startsWith('VIGIL_') ? upper : `VIGIL_${upper}`;
  // a third of the name after the prefix may be wrong, and at least two characters
  const allowed = Math.max(2, Math.floor((name.length - 'VIGIL_'.length) / 3));
  let best: { key: string; distance: number; prefix: number } | undefined;
  for (const candidate of keys) {
    const distance = editDistance(name, candidate);
    const prefix = commonPrefix(name, candidate);
    const truncated = name.length >= 'VIGIL_'.length + 3 && candidate.startsWith(name);
    if (distance > allowed && !truncated) continue;
    if (!best || distance < best.distance || (distance === best.distance && prefix > best.prefix)) {
      best = { key: candidate, distance, prefix };
    }
  }
  return best?.key;
}

function suggestion(key: string, keys: readonly string[]): string {
  const closest = closestKey(key, keys);
  return closest ? `, did you mean ${closest}?` : ' (README.md lists every key)';
}

/**
 * One problem per key of the config file that is no setting of `keys`: these stop start-up.
 */
export function unknownFileKeys(
  file: Record<string, unknown>,
  path: string,
  keys: readonly string[],
): string[] {
  const known = new Set(keys);
  return Object.keys(file)
    .filter((key) => !known.has(key))
    .map((key) => `${key}: unknown key in ${path}${suggestion(key, keys)}`);
}

/**
 * One warning per VIGIL_* environment variable that is no setting of `keys` (a typo, or a variable of
 * another tool): these are ignored, not fatal. Only names are shown, never values.
 */
export function unknownEnvironmentVariables(
  env: Readonly<Record<string, string | undefined>>,
  keys: readonly string[],
): string[] {
  const known = new Set(keys);
  return Object.keys(env)
    .filter(
      (key) =>
        key.startsWith('VIGIL_') &&
        !known.has(key) &&
        !NOT_SERVER_SETTINGS.has(key) &&
        !NOT_SERVER_PREFIXES.some((prefix) => key.startsWith(prefix)),
    )
    .sort()
    .map((key) => `${key}: unknown environment variable, ignored${suggestion(key, keys)}`);
}
