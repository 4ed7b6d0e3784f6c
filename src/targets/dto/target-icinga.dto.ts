import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';
import { OmitOrValid } from '../../common/validation';

/** What an Icinga object name may not hold: it would end or split an external command. */
const ICINGA_NAME = /^[^;\r\n\0]*$/;

/** A host name or service description as the command endpoints take them: 1-255 characters, no `;`, line break or NUL. */
function IcingaName(): PropertyDecorator {
  return applyDecorators(
    // in the order stacked decorators register them (bottom up), which decides the message
    Matches(ICINGA_NAME, { message: '$property must not contain ";", a line break or NUL' }),
    Length(1, 255),
    IsString(),
  );
}

/**
 * The Icinga object that takes this target's results as passive check results: a service of a
 * host, or the host itself when `serviceDescription` is absent.
 */
export class TargetIcingaDto {
  /** A configured site (VIGIL_SITES) that the results are submitted through. */
  @IsString()
  @Length(1, 100)
  site!: string;

  /** The Icinga host. */
  @IcingaName()
  hostName!: string;

  /** The passive service of `hostName`; the host itself takes the results when absent. */
  @OmitOrValid()
  @IcingaName()
  serviceDescription?: string;
}

/** The Icinga object that takes the target's results. */
export class TargetIcingaViewDto {
  site!: string;
  hostName!: string;
  /** Null when the host itself takes the results. */
  serviceDescription!: string | null;
}
