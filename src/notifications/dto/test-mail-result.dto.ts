/** The SMTP server accepted the test mail, or the webhook receiver the test event. */
export class TestMailResultDto {
  /** Always true: a refusal is answered with 502 and the server's or receiver's error. */
  accepted!: true;
  /** Recipients the server accepted (empty for a webhook). */
  acceptedRecipients!: string[];
  /** Recipients the server refused (the mail went to the others; empty for a webhook). */
  rejectedRecipients!: string[];
  /** The server's final answer, e.g. `250 OK: queued as 4711`; a webhook's HTTP status, `200 OK`. */
  response!: string;
  /** The mail's Message-ID, or the test event's `id`. */
  messageId!: string;
}
