/** The SMTP server accepted the test mail. */
export class TestMailResultDto {
  /** Always true: a refusal is answered with 502 and the server's error. */
  accepted!: true;
  /** Recipients the server accepted. */
  acceptedRecipients!: string[];
  /** Recipients the server refused (the mail went to the others). */
  rejectedRecipients!: string[];
  /** The server's final answer, e.g. `250 OK: queued as 4711`. */
  response!: string;
  messageId!: string;
}
