import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { Switch } from './nut';
import { Sheet } from './Sheet';

export interface FieldFrame {
  name: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
}

export function Frame({ name, label, required, error, hint, multiline, children }: FieldFrame & { multiline?: boolean; children: ReactNode }) {
  return (
    <View className={`field field-${name}${error ? ' field--error' : ''}${multiline ? ' field--multiline' : ''}`}>
      <View className="field__row">
        <View className={`field__label${required ? ' field__label--required' : ''}`}>{label}</View>
        {children}
      </View>
      {error ? <View className="field__error">{error}</View> : hint ? <View className="field__hint">{hint}</View> : null}
    </View>
  );
}

interface TextFieldProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  kind?: 'text' | 'decimal' | 'integer' | 'password';
  multiline?: boolean;
  /** Shown at the end of the row, e.g. a scan button. */
  suffix?: ReactNode;
}

export function TextField({ value, onChange, placeholder, kind = 'text', multiline, suffix, ...frame }: TextFieldProps) {
  return (
    <Frame {...frame} multiline={multiline}>
      <View className="field__control">
        {multiline ? (
          <Textarea className="textarea" value={value} placeholder={placeholder} autoHeight onInput={(e) => onChange(e.detail.value)} />
        ) : (
          <Input
            className="input"
            value={value}
            placeholder={placeholder}
            password={kind === 'password'}
            type={kind === 'decimal' ? 'digit' : kind === 'integer' ? 'number' : 'text'}
            onInput={(e) => onChange(e.detail.value)}
          />
        )}
      </View>
      {suffix}
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends FieldFrame {
  value: string | null;
  options: Option[];
  onChange: (value: string | null) => void;
  placeholder?: string;
  /** Offers "不选" for optional references. */
  clearable?: boolean;
}

export function SelectField({ value, options, onChange, placeholder = '请选择', clearable, ...frame }: SelectFieldProps) {
  const [open, setOpen] = useState(false);
  const current = options.find((option) => option.value === value);
  const pick = (next: string | null) => {
    onChange(next);
    setOpen(false);
  };
  return (
    <Frame {...frame}>
      <View className="field__value row" onClick={() => setOpen(true)}>
        <View className={current ? 'ellipsis' : 'field__placeholder'}>{current ? current.label : placeholder}</View>
        <View className="chevron">›</View>
      </View>
      <Sheet title={frame.label} open={open} onClose={() => setOpen(false)}>
        {clearable ? (
          <View className={`option${value === null ? ' option--on' : ''}`} onClick={() => pick(null)}>
            不选
          </View>
        ) : null}
        {options.map((option) => (
          <View key={option.value} className={`option${option.value === value ? ' option--on' : ''}`} onClick={() => pick(option.value)}>
            <View>{option.label}</View>
            {option.value === value ? <View>✓</View> : null}
          </View>
        ))}
        {options.length === 0 ? <View className="state__text">暂无可选项</View> : null}
      </Sheet>
    </Frame>
  );
}

export function DateField({ value, onChange, ...frame }: FieldFrame & { value: string; onChange: (value: string) => void }) {
  return (
    <Frame {...frame}>
      <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))} className="field__value">
        <View className="row">
          <View>{value}</View>
          <View className="chevron">›</View>
        </View>
      </Picker>
    </Frame>
  );
}

export function SwitchField({ value, onChange, ...frame }: FieldFrame & { value: boolean; onChange: (value: boolean) => void }) {
  return (
    <Frame {...frame}>
      <View className="field__value row">
        <View />
        <Switch checked={value} onChange={onChange} />
      </View>
    </Frame>
  );
}
