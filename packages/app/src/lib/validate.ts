import { passwordProblem } from '@xiaocang/domain/password-rules';
import { translateServerMessage } from '../api/messages';
import { isDecimal } from './decimal';

/** A rule returns the Chinese message to show, or null when the value is fine. */
export type Rule = (value: string) => string | null;

export const required: Rule = (value) => (value.trim() ? null : '必填');
export const maxLength =
  (n: number): Rule =>
  (value) =>
    value.trim().length <= n ? null : `最多 ${n} 个字符`;
/** Empty passes: combine with `required` when the number must be given. */
export const decimal =
  (places: number): Rule =>
  (value) =>
    !value.trim() || isDecimal(value, places) ? null : places === 0 ? '请输入整数' : `请输入数字，最多 ${places} 位小数`;
export const username: Rule = (value) =>
  !value.trim() || /^[A-Za-z0-9_.@-]{3,32}$/.test(value.trim()) ? null : '3–32 位字母、数字或 _ . @ -';

/** A new password, by the server's own rule and in the words the server's refusal would be shown in. */
export const newPassword: Rule = (value) => {
  const problem = passwordProblem(value);
  return problem ? translateServerMessage(problem.message) : null;
};

/** Checks every field; the result maps field name → first failed message, empty when all pass. */
export function validate(values: Record<string, string>, rules: Record<string, Rule[]>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, fieldRules] of Object.entries(rules)) {
    for (const rule of fieldRules) {
      const message = rule(values[field] ?? '');
      if (message) {
        errors[field] = message;
        break;
      }
    }
  }
  return errors;
}
