import { UpdateType } from '../../common/update-type';
import { CreateNotifierDto } from './create-notifier.dto';

/** The fields to change; the others keep their values. */
export class UpdateNotifierDto extends UpdateType(CreateNotifierDto) {}
