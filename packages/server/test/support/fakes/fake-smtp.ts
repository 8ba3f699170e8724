// A fake SMTP server: a real smtp-server on 127.0.0.1 (random port) that records what arrives, parsed by
// mailparser, and can be told to go down, to answer 4xx/5xx, or to refuse one recipient.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** The user name the client logged in with, if it did. */
  user: string | undefined;
  raw: string;
  parsed: ParsedMail;
}

type Stage = 'mail' | 'rcpt' | 'data';

export interface FakeSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answer the next `times` commands at `stage` with `code` (e.g. 451 or 554). */
  failNext(stage: Stage, code: number, times?: number): void;
  /** Answer RCPT TO for this address with 550. */
  rejectRecipient(address: string, code?: number): void;
  /** Stop listening (connections are refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startFakeSmtp(options: { user?: string; pass?: string } = {}): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  const failures: Record<Stage, { code: number; times: number } | undefined> = { mail: undefined, rcpt: undefined, data: undefined };
  const rejected = new Map<string, number>();

  const failure = (stage: Stage): Error | null => {
    const f = failures[stage];
    if (!f || f.times <= 0) return null;
    f.times -= 1;
    return smtpError(f.code, f.code < 500 ? 'Temporary failure, try again later' : 'Permanent failure');
  };

  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.user !== undefined && (auth.username !== options.user || auth.password !== options.pass)) {
        callback(smtpError(535, 'Authentication credentials invalid'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      callback(failure('mail'));
    },
    onRcptTo(address, _session, callback) {
      const code = rejected.get(address.address.toLowerCase());
      if (code !== undefined) {
        callback(smtpError(code, `Mailbox unavailable: ${address.address}`));
        return;
      }
      callback(failure('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = failure('data');
        if (refused) {
          callback(refused);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              to: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
              raw: raw.toString('utf8'),
              parsed,
            });
            callback(null);
          })
          .catch((error: Error) => callback(error));
      });
    },
  };

  let server = new SMTPServer(serverOptions);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));

  const port = await listen(0);
  let running = true;
  const auth = options.user !== undefined ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? '')}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    failNext(stage, code, times = 1) {
      failures[stage] = { code, times };
    },
    rejectRecipient(address, code = 550) {
      rejected.set(address.toLowerCase(), code);
    },
    async down() {
      if (!running) return;
      running = false;
      await stop();
    },
    async up() {
      if (running) return;
      server = new SMTPServer(serverOptions);
      await listen(port);
      running = true;
    },
    async close() {
      if (running) await stop();
      running = false;
    },
  };
}
