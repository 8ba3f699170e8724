import { useCallback, useState } from 'react';
import { validate, type Rule } from '../lib/validate';

/** Form values as strings (as typed), with client-side checks before anything is sent. */
export function useForm<T extends Record<string, string>>(initial: T, rules: Partial<Record<keyof T, Rule[]>>) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set = useCallback(
    (field: keyof T) => (value: string) => {
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => {
        if (!(field in current)) return current;
        const { [field as string]: _cleared, ...rest } = current;
        return rest;
      });
    },
    [],
  );

  /** True when the form may be sent; otherwise the errors are shown beside the fields. */
  const check = useCallback(() => {
    const found = validate(values, rules as Record<string, Rule[]>);
    setErrors(found);
    return Object.keys(found).length === 0;
  }, [values, rules]);

  return { values, setValues, set, errors, setErrors, check };
}
