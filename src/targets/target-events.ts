import type { TargetDto } from './dto/target.dto';

/**
 * Names of the events published on every change of a target definition, after it is stored.
 * `updated` follows PATCH (whatever changed, `enabled` included); `enabled` and `disabled`
 * follow the enable and disable operations when they change something.
 */
export const TargetEvents = {
  created: 'target.created',
  updated: 'target.updated',
  enabled: 'target.enabled',
  disabled: 'target.disabled',
  deleted: 'target.deleted',
} as const;
export type TargetEventName = (typeof TargetEvents)[keyof typeof TargetEvents];

/** Payload of every target event; `target` (without secrets) is absent on `deleted`. */
export class TargetChangedEvent {
  constructor(
    readonly targetId: number,
    readonly target?: TargetDto,
  ) {}
}
