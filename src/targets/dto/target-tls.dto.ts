import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { OmitOrValid } from '../../common/validation';
import { IsPemCertificates, IsServerName } from './validators';

/** How a target's HTTPS connections are checked; a field left out takes the default shown. */
export class TargetTlsDto {
  /** PEM certificates (a private CA) trusted for this target beside the system's CAs; default none. */
  @OmitOrValid()
  @IsString()
  @MaxLength(65535)
  @IsPemCertificates()
  caCertificate?: string;

  /** Accept any certificate, unverified (its expiry is still checked); default false. */
  @OmitOrValid()
  @IsBoolean()
  insecureSkipVerify?: boolean;

  /** The name sent in SNI and checked against the certificate, instead of the URL's host name (for the target's own host, not hosts it redirects to); default none. */
  @OmitOrValid()
  @IsString()
  @MaxLength(253)
  @IsServerName()
  serverName?: string;
}

/** A target's TLS settings as answered. */
export class TargetTlsViewDto {
  /** PEM certificates trusted beside the system's CAs, or null. */
  caCertificate!: string | null;
  insecureSkipVerify!: boolean;
  /** The name checked against the certificate instead of the URL's host name, or null. */
  serverName!: string | null;
}
