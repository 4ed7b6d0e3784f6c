export class FieldErrorDto {
  /** The request field that is wrong, as a dotted path (`auth.username`). */
  field!: string;
  /** What is wrong with it. */
  message!: string;
}

/** An error answer (RFC 9457 problem details), sent as `application/problem+json`. */
export class ProblemDto {
  /** A URI naming the kind of problem; `about:blank` when the HTTP status says it all. */
  type!: string;
  /** The HTTP status phrase or a short summary of the kind of problem. */
  title!: string;
  /** The HTTP status code. */
  status!: number;
  /** What went wrong in this request. */
  detail!: string;
  /** The request path. */
  instance?: string;
  /** For server errors: the id under which the error was logged. */
  errorId?: string;
  /** For validation errors: each field that is wrong. */
  errors?: FieldErrorDto[];
}
