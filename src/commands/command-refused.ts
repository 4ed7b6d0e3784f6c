/** The site refused the command itself: `notFound` when it names no object the site has. */
export class CommandRefused extends Error {
  constructor(
    readonly notFound: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefused';
  }
}
