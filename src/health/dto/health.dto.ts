export class HealthDto {
  /** `ok` when vigil can serve, `error` otherwise. */
  status!: 'ok' | 'error';
  /** Whether the database answers. */
  database!: 'up' | 'down';
}
