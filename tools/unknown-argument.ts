/**
 * How a usage error names a command-line argument it does not know. A secret typed in the wrong place (where a
 * file goes, after a misspelt option, glued to a dash) must never come back in the tool's own output, so only
 * something shaped like one of our option names (lower-case words joined by dashes) is repeated, and never a value.
 */
const OPTION_NAME = /^--[a-z]+(-[a-z]+)*$/;
const MAX_OPTION_NAME = 32;

export function unknownArgument(arg: string): string {
  const name = arg.split('=')[0];
  if (OPTION_NAME.test(name) && name.length <= MAX_OPTION_NAME) return `Unknown option ${name}.`;
  return 'An argument this tool does not know (not repeated here, in case it is a secret).';
}
