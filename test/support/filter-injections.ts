/**
 * Values a caller may write in a filter that must never become part of an Icinga filter
 * expression: each ends the string it would be spliced into and ORs in a condition that is
 * always true, or looks like a template or macro.
 */
export const FILTER_INJECTIONS = [
  'x" || true || "',
  'h0001" || host.name != "',
  '\u0000',
  'a\\" || true || \\"',
  '{{',
  '}}',
  '{{ true }}',
  ') || true || (',
  "' || true || '",
  '$host.name$',
  'web-01\n',
];
