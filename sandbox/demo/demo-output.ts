/** How `npm start` talks: numbered steps, ✓/✗ lines, and indented details. Colour only on a terminal without NO_COLOR. */
const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const style = {
  bold: paint('1'),
  dim: paint('2'),
  green: paint('32'),
  red: paint('31'),
  yellow: paint('33'),
  cyan: paint('36'),
};

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export const out = {
  title(text: string, subtitle: string): void {
    write();
    write(style.bold(text));
    write(style.dim(subtitle));
  },
  /** A part of the demo: a heading above its own numbered steps. */
  part(number: number, text: string, subtitle: string): void {
    write();
    write(style.bold(`Part ${number}. ${text}`));
    write(style.dim(subtitle));
  },
  step(number: number, text: string, how?: string): void {
    write();
    write(`${style.bold(style.cyan(`${number}.`))} ${style.bold(text)}${how ? style.dim(`  (${how})`) : ''}`);
  },
  ok(text: string): void {
    write(`   ${style.green('✓')} ${text}`);
  },
  refused(text: string): void {
    write(`   ${style.red('✗')} ${text}`);
  },
  line(text: string, indent = 3): void {
    write(`${' '.repeat(indent)}${text}`);
  },
  /** A label column, then the value: "Slack   Jane Doe started …". */
  detail(label: string, value: string, indent = 6): void {
    write(`${' '.repeat(indent)}${style.dim(label.padEnd(8))}${value}`);
  },
  blank(): void {
    write();
  },
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the Zaps logged (kept quiet while a part runs), on stderr, when that part fails. */
export function printZapLog(coreConsole: ReadonlyArray<string>): void {
  if (coreConsole.length > 0) process.stderr.write(`\nWhat the Zaps logged:\n${coreConsole.map((line) => `  ${line}`).join('\n')}\n`);
}
