/**
 * zapier-platform-core appends "What happened" — the whole bundle minus authData — to the message of most errors
 * (all but z.errors.Error and ThrottledError). For a hook that bundle holds `subscribeData.secret`, so every error of
 * another type this app throws (HaltedError, ExpiredAuthError) goes through here: a signing secret must never reach one.
 */
export function withoutBundleContext<E extends Error>(error: E): E {
  (error as E & { doNotContextify?: boolean }).doNotContextify = true;
  return error;
}
