/**
 * Experience IDs that would change the address they are put in: `.` and `..` survive encodeURIComponent and URL
 * normalisation resolves them (`/experiences/../actions/start` is `/actions/start`); `/` and `\` split a segment;
 * control characters have no place in an ID. Each must be refused before any request.
 */
export const UNSAFE_EXPERIENCE_IDS: ReadonlyArray<string> = ['.', '..', ' .. ', '../actions/end', 'a/b', 'a\\b', 'a\u0000b', 'a\nb', 'a\u007fb', 'a\u0085b'];
