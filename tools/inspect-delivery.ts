/**
 * `INTELLIGEMS_SIGNING_SECRET=… npm run -s inspect-delivery -- FILE`: would a Zap run on this captured delivery, and
 * with what item? It runs the very pipeline the trigger's perform runs (src/webhook/check-delivery.ts): signature,
 * parsing, freshness, event, test flag and the item; and it takes secrets as perform does (trimmed; one too short to
 * be the account's secret is flagged). Only the Zap's own filters and its memory of repeats are left out.
 *
 * FILE is `{"headers": {...}, "body": "<the raw body string>"}` (a Catch Raw Hook, the sandbox or a request bin
 * gives both), or else the raw body itself, with its signature passed as `--signature HEX`.
 * Exit status: 0 a Zap would run, 1 it would not, 2 a usage error. Never prints a secret or an expected signature,
 * not even one typed in the wrong place (./unknown-argument.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { accountWebhookSecret, MIN_WEBHOOK_SECRET_LENGTH } from '../src/authentication';
import { DELIVERY_HEADERS, EVENT_NAMES, type EventName } from '../src/contract/assumed';
import { matchEventName } from '../src/contract/event-name';
import { isJsonObject, STANDARD_FIELDS, type DeliveryReading } from '../src/contract/read-delivery';
import { checkDelivery, type DeliveryReport } from '../src/webhook/check-delivery';
import { readHeader, type HeaderBag } from '../src/webhook/read-header';
import { verifySignature } from '../src/webhook/signature';
import { firstOf, SIGNING_SECRET_NAMES, withDotEnv } from './dotenv';
import { unknownArgument } from './unknown-argument';

export const EXIT = { runs: 0, doesNotRun: 1, usage: 2 } as const;
/** Read when `--secret` is not given, so a secret need not sit in shell history. */
export const SECRET_ENV = 'INTELLIGEMS_SIGNING_SECRET';

const USAGE = `Usage: ${SECRET_ENV}=<the secret> npm run -s inspect-delivery -- [--signature HEX] [--event NAME]... [--json] FILE
   or: npm run -s inspect-delivery -- --secret SECRET ... FILE

  FILE             {"headers": {...}, "body": "<the raw body string>"}, or the raw body itself (then give --signature);
                   a regular file of at most 10 MB (not a pipe or a device)
  ${SECRET_ENV}
                   the signing secret (a Zap's own, or the account's Webhook Signing Secret), used trimmed.
                   authData_webhookSecret (as zapier-platform invoke names it) works too; either is read from the
                   environment, or else from .env in the current directory.
  --secret SECRET  the same on the command line (also --secret=SECRET); repeat to try several. This tool never
                   prints a secret, but npm echoes the command line (unless run as npm run -s) and your shell keeps it.
  --signature HEX  the ${DELIVERY_HEADERS.signature} value, when FILE is the raw body (overrides the file's header)
  --event NAME     the event(s) the Zap runs for, as a single-event trigger would (default: all six)
  --json           one JSON object on the last line: {"accepted", "checks": [{"name", "ok", "detail"}], "item", "notes"}

Exit status: 0 a Zap would run, 1 it would not, 2 a usage error.`;

export interface InspectIo {
  readFile(path: string): string;
  out(text: string): void;
  err(text: string): void;
  env?: Record<string, string | undefined>;
  now?: number;
}

interface Options {
  file: string;
  secrets: string[];
  signature?: string;
  events: EventName[];
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: ReadonlyArray<string>, env: Record<string, string | undefined>): Options {
  const secrets: string[] = [];
  const events = new Set<EventName>();
  const files: string[] = [];
  let signature: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // `--secret=VALUE` as well as `--secret VALUE`.
    const split = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const option = split > 0 ? arg.slice(0, split) : arg;
    const inline = split > 0 ? arg.slice(split + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${option} needs a value.`);
      return next;
    };
    if (option === '--secret') secrets.push(value());
    else if (option === '--signature') signature = value();
    else if (option === '--json') {
      if (inline !== undefined) throw new UsageError('--json takes no value.');
      json = true;
    } else if (option === '--event') {
      for (const name of value().split(',')) {
        const event = matchEventName(name.trim());
        // Named back only when it looks like an event name: a value in the wrong place may be a secret.
        const shown = /^[A-Za-z._]{1,40}$/.test(name.trim()) ? `“${name.trim()}”` : 'given';
        if (!event) throw new UsageError(`The --event ${shown} is not an experience event; use one of ${EVENT_NAMES.join(', ')}.`);
        events.add(event);
      }
    } else if (arg.startsWith('-')) throw new UsageError(unknownArgument(arg));
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'Which file? Give the captured delivery as FILE.' : `Give one FILE, not ${files.length}.`);
  // The environment's, else .env's (main reads it): authData_webhookSecret as zapier-platform invoke names it, or this tool's own name.
  const fromEnv = firstOf(env, SIGNING_SECRET_NAMES);
  if (secrets.length === 0 && fromEnv) secrets.push(fromEnv);
  if (secrets.length === 0)
    throw new UsageError(
      `Give the signing secret: set ${SECRET_ENV} or authData_webhookSecret (environment or .env), or use --secret. Without it no signature can be checked.`,
    );
  // Trimmed, as the trigger trims the account's Webhook Signing Secret: a pasted secret often brings a line break along.
  const trimmed = secrets.map((secret) => secret.trim());
  if (trimmed.includes('')) throw new UsageError('The secret given is blank (only spaces or line breaks): give the whole signing secret.');
  return { file: files[0], secrets: trimmed, signature, events: events.size > 0 ? EVENT_NAMES.filter((e) => events.has(e)) : [...EVENT_NAMES], json };
}

/** Far more than any delivery (Intelligems bodies are a few kB): a larger FILE is not one. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A FILE this tool will not read, and why. */
export class FileRefusedError extends Error {}

function refuseUnlessSmallFile(stats: Stats): void {
  if (stats.isDirectory()) throw new FileRefusedError('it is a folder');
  // A pipe would wait forever for a writer, a device like /dev/zero would never end.
  if (!stats.isFile()) throw new FileRefusedError('it is not a regular file (a pipe, a device or a socket); save the delivery to a file first');
  if (stats.size > MAX_FILE_BYTES) throw new FileRefusedError(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, far more than any delivery`);
}

/**
 * FILE's text, read only when it is a regular file of at most MAX_FILE_BYTES: checked before opening (opening a
 * pipe would block), opened without blocking, checked again on what was opened, and read no further than the limit.
 */
export function readDeliveryFile(file: string): string {
  refuseUnlessSmallFile(statSync(file));
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    refuseUnlessSmallFile(fstatSync(fd));
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_FILE_BYTES) throw new FileRefusedError(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, far more than any delivery`);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

/** Why FILE could not be read, naming it only when it cannot be a secret typed where the file goes. */
function unreadable(file: string, error: unknown): string {
  if (error instanceof FileRefusedError) return describeUnreadable(file, error.message);
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'there is no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
  };
  // Only the code: Node's message quotes the path.
  return describeUnreadable(file, (code !== undefined && reasons[code]) || `it could not be opened (${code ?? 'an unknown error'})`);
}

function describeUnreadable(file: string, reason: string): string {
  if (/\.(json|txt)$/i.test(file)) return `Cannot read ${file}: ${reason}.`;
  return `Cannot read the FILE given: ${reason}. Its name is not repeated here, in case a secret was typed where the file goes.`;
}

/**
 * The trigger ignores an account Webhook Signing Secret shorter than 16 characters (accountWebhookSecret), but uses a
 * Zap's own subscription secret as stored, whatever its length: which one a given secret is, only its owner knows.
 */
function shortSecretNotes(options: Options, capture: Capture, report: DeliveryReport): string[] {
  const short = options.secrets.filter((secret) => accountWebhookSecret({ webhookSecret: secret }) === undefined);
  if (short.length === 0) return [];
  const notes = short.map(
    (secret) =>
      `A secret given has ${secret.length} characters, fewer than ${MIN_WEBHOOK_SECRET_LENGTH}: a Zap ignores a Webhook Signing Secret that short (the connection test refuses it), so it counts only as a Zap's own subscription secret.`,
  );
  const signed = report.checks.some((check) => check.name === 'signature' && check.ok);
  const long = options.secrets.filter((secret) => !short.includes(secret));
  if (signed && !verifySignature(capture.body, capture.signature, long).ok) {
    notes.push(
      `Only a secret shorter than ${MIN_WEBHOOK_SECRET_LENGTH} characters matches this delivery: a Zap runs on it only if that is the Zap’s own subscription secret.`,
    );
  }
  return notes;
}

interface Capture {
  body: string;
  signature: string | undefined;
  eventHeader: string | undefined;
  /** How the file was read, for the first line of the report. */
  source: string;
  notes: string[];
}

/** A captured request (headers and the raw body), or else the raw body itself. */
function readCapture(text: string, options: Options): Capture {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isJsonObject(parsed) && typeof parsed.body === 'string' && (parsed.headers === undefined || isJsonObject(parsed.headers))) {
    const headers = parsed.headers as HeaderBag;
    const fromFile = readHeader(headers, DELIVERY_HEADERS.signature);
    const notes = options.signature !== undefined && fromFile !== undefined ? [`--signature replaces the file's ${DELIVERY_HEADERS.signature} header.`] : [];
    return {
      body: parsed.body,
      signature: options.signature ?? fromFile,
      eventHeader: readHeader(headers, DELIVERY_HEADERS.event),
      source: 'a captured request (headers and body)',
      notes,
    };
  }
  if (options.signature === undefined) {
    const hint =
      isJsonObject(parsed) && 'body' in parsed
        ? ` (it has a “body”, but not as a string: it must be the raw body exactly as received, since re-serialised JSON no longer matches its signature)`
        : '';
    throw new UsageError(
      `The file is not {"headers": {...}, "body": "<raw body>"}${hint}, so it is read as the raw body: give its ${DELIVERY_HEADERS.signature} value with --signature.`,
    );
  }
  const notes: string[] = [];
  // Editors add a final newline that no sender sent; say so rather than let it pass as a forgery.
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed !== text && !verifySignature(text, options.signature, options.secrets).ok && verifySignature(trimmed, options.signature, options.secrets).ok) {
    notes.push(
      'The signature matches the file without its final newline: an editor probably added it. Checked below as the file stands; remove the newline to check the body as it was sent.',
    );
  }
  return { body: text, signature: options.signature, eventHeader: undefined, source: 'the raw body, with the signature from --signature', notes };
}

export function inspectDelivery(argv: ReadonlyArray<string>, io: InspectIo): number {
  let options: Options;
  let capture: Capture;
  try {
    options = parseArgs(argv, io.env ?? withDotEnv(process.env));
    let text: string;
    try {
      text = io.readFile(options.file);
    } catch (error) {
      throw new UsageError(unreadable(options.file, error));
    }
    capture = readCapture(text, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }

  const report = checkDelivery({
    rawBody: capture.body,
    signature: capture.signature,
    eventHeader: capture.eventHeader,
    secrets: options.secrets,
    listensTo: options.events,
    now: io.now,
  });
  const accepted = report.outcome.status === 'accepted';
  const notes = [...capture.notes, ...shortSecretNotes(options, capture, report)];
  if (options.json) {
    io.out(`${JSON.stringify({ accepted, checks: report.checks, item: accepted ? report.item : null, notes })}\n`);
  } else {
    io.out(describeReport(report, capture, options, notes));
  }
  return accepted ? EXIT.runs : EXIT.doesNotRun;
}

function describeReport(report: DeliveryReport, capture: Capture, options: Options, notes: string[]): string {
  const lines: string[] = [`Read ${options.file} as ${capture.source}.`, ...notes, '', 'The checks a Zap makes, in order:'];
  const width = Math.max(...report.checks.map((check) => check.name.length));
  for (const check of report.checks) lines.push(`  ${check.ok ? '✓' : '✗'} ${check.name.padEnd(width)}  ${check.detail}`);
  if (report.reading) lines.push('', 'Standard fields, and where they were found:', ...fieldLines(report.reading));
  const { outcome } = report;
  const runsFor = options.events.length === EVENT_NAMES.length ? 'any experience event' : options.events.join(', ');
  lines.push('');
  if (outcome.status === 'accepted') {
    lines.push(...report.notes.map((note) => `Note: ${note}`), 'The item the Zap would receive:', JSON.stringify(report.item, null, 2), '');
    lines.push(
      `Result: a Zap running for ${runsFor} would run on this delivery (exit 0). Not checked here: the Zap's own filters, and whether it already ran for this delivery.`,
    );
  } else if (outcome.status === 'ignored' && outcome.reason === 'test') {
    lines.push(
      'This is a TEST delivery: Intelligems sends it to check the connection, and a live Zap ignores it.',
      'The item it would have made:',
      JSON.stringify(report.item, null, 2),
      '',
    );
    lines.push('Result: no Zap runs on a test delivery (exit 1).');
  } else if (outcome.status === 'rejected') {
    if (outcome.check === 'signature_mismatch')
      lines.push(`Hint: check that the secret given is the one this delivery was signed with, and that the body is byte for byte what was received.`);
    lines.push(`Result: no Zap would run on this delivery (exit 1): the ${report.checks.at(-1)?.name} check failed.`);
  } else {
    lines.push(`Result: a Zap running for ${runsFor} would not run (exit 1). ${outcome.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function fieldLines(reading: DeliveryReading): string[] {
  const rows: Array<[string, string]> = [
    [
      'event',
      reading.event.kind === 'absent'
        ? 'missing'
        : `${reading.event.kind === 'known' ? reading.event.name : `“${reading.event.text}” (not one of the six)`} at ${reading.event.at}`,
    ],
    [
      'timestamp',
      reading.timestamp.at === null
        ? 'missing'
        : `${reading.timestamp.kind === 'time' ? reading.timestamp.form : reading.timestamp.kind} at ${reading.timestamp.at}`,
    ],
    ...STANDARD_FIELDS.map((field): [string, string] => [field, reading.fields[field] === null ? 'missing' : `at ${reading.fields[field].at}`]),
    ['variations', reading.variations ? `at ${reading.variations.at}` : 'missing'],
    ['test', reading.test ? `${reading.test.value} at ${reading.test.at}` : 'not marked (an ordinary delivery)'],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, where]) => `  ${name.padEnd(width)}  ${where}`);
}

if (require.main === module) {
  const code = inspectDelivery(process.argv.slice(2), {
    readFile: readDeliveryFile,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}
