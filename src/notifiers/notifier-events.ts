import type { NotifierDto } from './dto/notifier.dto';

/** Names of the events published on every change of a notifier definition. */
export const NotifierEvents = {
  created: 'notifier.created',
  updated: 'notifier.updated',
  enabled: 'notifier.enabled',
  disabled: 'notifier.disabled',
  deleted: 'notifier.deleted',
} as const;
export type NotifierEventName = (typeof NotifierEvents)[keyof typeof NotifierEvents];

/** Payload of every notifier event; `notifier` (without secrets) is absent on `deleted`. */
export class NotifierChangedEvent {
  constructor(
    readonly notifierId: number,
    readonly notifier?: NotifierDto,
  ) {}
}
