import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, passwordProblem, type PasswordProblemCode } from './password-rules.ts';

const codeOf = (password: string) => passwordProblem(password)?.code ?? null;

describe('passwordProblem', () => {
  it.each<[string, PasswordProblemCode]>([
    ['', 'TOO_SHORT'],
    ['abc1234', 'TOO_SHORT'],
    ['x'.repeat(129), 'TOO_LONG'],
    ['        ', 'REPEATED'],
    ['aaaaaaaa', 'REPEATED'],
    ['AAAAaaaa', 'REPEATED'],
    ['88888888', 'REPEATED'],
    ['12121212', 'REPEATED'],
    ['123123123', 'REPEATED'],
    ['12341234', 'REPEATED'],
    ['12345678', 'SEQUENCE'],
    ['123456789', 'SEQUENCE'],
    ['87654321', 'SEQUENCE'],
    ['abcdefgh', 'SEQUENCE'],
    ['ABCDEFGHI', 'SEQUENCE'],
    ['password', 'COMMON'],
    ['Password1', 'COMMON'],
    ['woaini1314', 'COMMON'],
    ['1q2w3e4r', 'COMMON'],
    ['secret\u0000pass', 'CONTROL_CHARACTER'],
    ['secret\npassword', 'CONTROL_CHARACTER'],
    ['tab\tseparated', 'CONTROL_CHARACTER'],
    ['del\u007fcharacter', 'CONTROL_CHARACTER'],
  ])('refuses %j as %s', (password, code) => {
    expect(codeOf(password)).toBe(code);
    expect(passwordProblem(password)?.message).toMatch(/^(must|is too easy)/);
  });

  it.each(['tea-secret-1', 'Secret-pass-42', 'password123', '我的小店2026', 'correct horse', '12345679', 'aaaaaaab', '13572468', 'x'.repeat(7) + 'y'])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  it('accepts exactly 8 and 128 characters', () => {
    expect(passwordProblem('k9#mQ2!z')).toBeNull();
    expect(passwordProblem(`k9#mQ2!z${'y'.repeat(120)}`)).toBeNull();
  });

  it('lists as common only passwords that are long enough and that no other rule catches, in lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(50);
    for (const password of COMMON_PASSWORDS) {
      expect(password, password).toBe(password.toLowerCase());
      expect(codeOf(password), password).toBe('COMMON');
      expect(codeOf(password.toUpperCase()), password).toBe('COMMON');
    }
  });

  it('takes only steps of one for a straight run', () => {
    expect(passwordProblem('acegikmo')).toBeNull();
  });
});
