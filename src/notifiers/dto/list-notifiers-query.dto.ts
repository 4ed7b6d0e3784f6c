import { NamedListQueryDto } from '../../common/list-query';

export const NOTIFIER_SORT_FIELDS = ['name', 'id', 'createdAt'] as const;

export class ListNotifiersQueryDto extends NamedListQueryDto('notifiers', NOTIFIER_SORT_FIELDS) {}
