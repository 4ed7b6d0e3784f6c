import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { OmitOrValid } from '../../common/validation';

export class ProbeNowQueryDto {
  /** Publish a state change (for notifications) when this probe changes the status. */
  @ApiPropertyOptional({ default: false })
  @OmitOrValid()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  notify: boolean = false;
}

/** One step of a probe and the time it took. */
export class ProbeStepDto {
  step!: 'connect' | 'auth' | 'request' | 'response' | 'evaluation';
  ms!: number;
  detail?: string;
}

/** A change of a target's status. */
export class StateChangeDto {
  from!: 'NEW' | 'PASS' | 'FAIL';
  to!: 'PASS' | 'FAIL';
}

/** The result of a probe made on request, with its step trace and the target's state after it. */
export class ProbeNowDto {
  targetId!: number;
  status!: 'PASS' | 'FAIL';
  httpStatus!: number | null;
  responseTimeMs!: number;
  description!: string;
  startedAt!: Date;
  steps!: ProbeStepDto[];
  /** Redirects followed to the answer. */
  redirects!: number;
  /** The URL of the answer when redirects were followed; null otherwise. */
  finalUrl!: string | null;
  /** When the certificate of an HTTPS answer expires; null for HTTP or no answer. */
  certificateExpiresAt!: Date | null;
  /** The target's status after this probe. */
  targetStatus!: 'NEW' | 'PASS' | 'FAIL';
  /** The change of status this probe caused, if any. */
  change!: StateChangeDto | null;
  /** Whether a state change was published. */
  notified!: boolean;
}
