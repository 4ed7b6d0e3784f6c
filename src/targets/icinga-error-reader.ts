/**
 * Reads the error of the last passive check result submitted to Icinga for each bridged target,
 * for the Targets module, which owns only the definitions. Provided by the Icinga bridge under
 * ICINGA_ERROR_READER.
 */
export interface IcingaErrorReader {
  /** The errors of those of these targets whose last submission failed (one query). */
  errorsOf(targetIds: readonly number[]): Promise<Map<number, string>>;
}

export const ICINGA_ERROR_READER = Symbol('IcingaErrorReader');
