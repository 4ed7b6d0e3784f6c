import { getSchemaPath } from '@nestjs/swagger';

/**
 * A request header given as an object: a secret one (`secret: true`), whose value is write-only.
 * Leave `value` out on update to keep the stored value of the secret header of that name.
 * Authorization, Proxy-Authorization, X-Auth-Token, Cookie and X-Api-Key are secret whatever
 * `secret` says.
 */
export class TargetHeaderInputDto {
  /** The value (printable ASCII, at most 4096 characters); write-only when the header is secret. */
  value?: string;
  /** Whether the value is write-only: stored encrypted, sent to the target, never answered. */
  secret?: boolean;
  /** Ignored: allowed so that a header as answered can be sent back unchanged. */
  hasValue?: boolean;
}

/** A secret request header as answered: never its value. */
export class SecretHeaderViewDto {
  /** Always true. */
  secret!: boolean;
  /** Whether a value is stored (it is write-only). */
  hasValue!: boolean;
}

/** The OpenAPI schema of a request's `headers`: name → value, or name → TargetHeaderInputDto. */
export const HEADERS_REQUEST_SCHEMA = {
  type: 'object' as const,
  additionalProperties: {
    oneOf: [{ type: 'string', maxLength: 4096 }, { $ref: getSchemaPath(TargetHeaderInputDto) }],
  },
  maxProperties: 50,
};

/** The OpenAPI schema of an answer's `headers`: name → value, or name → SecretHeaderViewDto. */
export const HEADERS_VIEW_SCHEMA = {
  type: 'object' as const,
  additionalProperties: {
    oneOf: [{ type: 'string' }, { $ref: getSchemaPath(SecretHeaderViewDto) }],
  },
};
