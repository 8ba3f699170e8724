/**
 * What a password must be: long enough, printable, and not one of the first things a guesser tries.
 * Pure, so the server refuses and the app warns with the same rule before anything is sent.
 * Lengths count UTF-16 code units, as JavaScript strings and the contracts do.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemCode = 'TOO_SHORT' | 'TOO_LONG' | 'CONTROL_CHARACTER' | 'REPEATED' | 'SEQUENCE' | 'COMMON';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** An English field message; the app shows its Chinese translation. */
  message: string;
}

// Among the most used passwords of at least 8 characters (global and Chinese leak lists). Repeats such as
// 88888888 or 12341234 and straight runs such as 12345678 are caught by rules, so they are not listed.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password',
  'password1',
  'password12',
  'passw0rd',
  'p@ssw0rd',
  'iloveyou',
  'iloveyou1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'welcome1',
  'letmein1',
  'admin123',
  'admin888',
  'qwertyui',
  'qwertyuiop',
  'qwerty123',
  'qwer1234',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3r4',
  'asdfghjk',
  'asdfghjkl',
  'asdf1234',
  'zxcvbnm1',
  'zxcvbnm123',
  'abc12345',
  'abcd1234',
  '1234abcd',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa12345678',
  'qq123456',
  'abc123456',
  '123456abc',
  '12345678a',
  '1234qwer',
  '11223344',
  '12344321',
  '147258369',
  '123654789',
  '159357258',
  '12345678910',
  '5201314520',
  '1314520520',
  'woaini1314',
  'woaini520',
  'xiaocang',
  'xiaocang123',
]);

const CONTROL_CHARACTER = /\p{Cc}/u;

/** One character or a group of up to four repeated: aaaaaaaa, 12121212, 123123123, 12341234. */
function isRepeatedGroup(text: string): boolean {
  for (let size = 1; size <= 4; size++) {
    if ([...text].every((char, i, chars) => char === chars[i % size])) return true;
  }
  return false;
}

/** Each character one after the previous, up or down: 12345678, abcdefgh, 87654321. */
function isStraightRun(text: string): boolean {
  const codes = [...text].map((char) => char.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/** The first thing wrong with a new password, or null when it may be used. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { code: 'TOO_SHORT', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { code: 'TOO_LONG', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (CONTROL_CHARACTER.test(password)) {
    return { code: 'CONTROL_CHARACTER', message: 'must not contain control characters such as line breaks' };
  }
  const folded = password.toLowerCase();
  if (isRepeatedGroup(folded)) {
    return { code: 'REPEATED', message: 'is too easy to guess: one character or a short group repeated' };
  }
  if (isStraightRun(folded)) {
    return { code: 'SEQUENCE', message: 'is too easy to guess: a straight run such as 12345678' };
  }
  if (COMMON_PASSWORDS.has(folded)) {
    return { code: 'COMMON', message: 'is too easy to guess: one of the most common passwords' };
  }
  return null;
}
