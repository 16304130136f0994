/** One e-mail to a parent or young person, as a service composed it. */
export interface OutgoingMessage {
  /**
   * Stable for the message, e.g. a uuid: it becomes the Message-ID header `<id@ehc-hub>`, so a send
   * retried after an unclear failure (a dropped connection after DATA) is recognisable as the same message.
   */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The port: how a service hands a message on. `send` resolves once the channel has accepted it. */
export interface Notifier {
  readonly channel: 'smtp' | 'outbox';
  send(message: OutgoingMessage): Promise<void>;
}

/** The Message-ID's domain part: ours, so a reply or a bounce quoting it is recognisably the hub's. */
export const MESSAGE_ID_DOMAIN = 'ehc-hub';

// RFC 5322 dot-atom text: anything else could break out of the header
const MESSAGE_ID_LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** `<id@ehc-hub>`; a message id that could not be a Message-ID's left part is a bug in the caller. */
export function messageIdHeader(messageId: string): string {
  if (messageId.length > 200 || !MESSAGE_ID_LOCAL_PART.test(messageId)) {
    throw new Error(`messageId must be 1-200 characters of RFC 5322 dot-atom text (e.g. a uuid), got ${JSON.stringify(messageId.slice(0, 60))}`);
  }
  return `<${messageId}@${MESSAGE_ID_DOMAIN}>`;
}
