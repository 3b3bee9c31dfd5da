/**
 * What a Zapier user would see of a thrown error. Core's AppError and ThrottledError put a JSON object
 * (`{message, code, status}` / `{message, delay}`) in `error.message`; other errors carry plain text.
 */
export interface ZapierFailure {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

export async function failureOf(promise: Promise<unknown>): Promise<ZapierFailure> {
  try {
    await promise;
  } catch (error) {
    const { name, message } = error as Error;
    try {
      const parsed = JSON.parse(message) as Partial<ZapierFailure>;
      if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') return { name, ...parsed, message: parsed.message };
    } catch {
      // plain text message
    }
    return { name, message };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
