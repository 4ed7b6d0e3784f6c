import { usageError } from './errors';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `90`, `90s`, `30m`, `2h`, `1h30m`, `1d` as seconds. */
export function parseDuration(text: string): number {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+)\s*([smhdw])/gi)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== value.replace(/\s+/g, '')) {
    throw usageError(`--duration: expected e.g. 90s, 30m, 2h, 1h30m or 1d: ${text}`);
  }
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2].toLowerCase()], 0);
  if (seconds < 1) throw usageError(`--duration: must be at least 1 second: ${text}`);
  return seconds;
}

/** An ISO 8601 (or otherwise Date-parsable) time, `now`, or `+30m` from now, as ISO 8601 UTC. */
export function parseTime(text: string, now = new Date()): string {
  const value = text.trim();
  if (value === 'now') return now.toISOString();
  if (value.startsWith('+'))
    return new Date(now.getTime() + parseDuration(value.slice(1)) * 1000).toISOString();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw usageError(`--start: not a time (ISO 8601, now, or +30m): ${text}`);
  return new Date(ms).toISOString();
}
