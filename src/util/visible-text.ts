/** Text with its control characters shown as `\u000a` escapes, so a value quoted in a message cannot break it. */
export function visibleText(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
