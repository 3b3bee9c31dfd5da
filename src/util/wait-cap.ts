/**
 * The longest wait the app asks Zapier for before trying again, whatever said to wait: a 429's `Retry-After`, or
 * the rate-limit reset a poll derives its delay from. Intelligems refills its bucket every 30 s, so a longer wait
 * means a broken or hostile answer; holding a Zap run for hours (or, from a reset stamped far ahead, days) on its
 * word would be worse than asking again.
 */
export const MAX_RETRY_AFTER_SECONDS = 15 * 60;
