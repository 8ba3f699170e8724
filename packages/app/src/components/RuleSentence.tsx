import { Input, Text, View } from '@tarojs/components';
import { isOff, RULE_ON_VALUE, WARNING_KIND_LABEL, type RuleKey, type RuleValues, type RULE_SENTENCES } from '../lib/notify';
import { Switch } from './nut';

type Sentence = (typeof RULE_SENTENCES)[number];

interface Props {
  sentence: Sentence;
  values: RuleValues;
  errors: Record<string, string>;
  onChange: (key: RuleKey, text: string) => void;
  /**
   * The shop's own rules have a switch (off is 0). An override has none: a blank field follows the level
   * above, whose value `inherited` shows as the placeholder.
   */
  inherited?: RuleValues;
  /** Fields this level does not set (a product's threshold is its own warning stock). */
  absent?: RuleKey[];
  /** What a rule turned back on starts at: the saved value when it had one. */
  saved?: RuleValues;
}

const INTEGER: ReadonlySet<RuleKey> = new Set(['coverDays', 'rateWindowDays', 'staleDays']);

/** One warning rule as a sentence with its numbers typed in place, and the server's complaint under the field. */
export function RuleSentence({ sentence, values, errors, onChange, inherited, absent = [], saved }: Props) {
  const on = !isOff(values[sentence.switch]);
  const fields = sentence.parts.filter((part): part is RuleKey => part in values);
  if (fields.every((key) => absent.includes(key))) return null;
  const before = saved?.[sentence.switch];
  const toggle = (next: boolean) => onChange(sentence.switch, next ? (before && !isOff(before) ? before : RULE_ON_VALUE[sentence.switch]) : '0');
  return (
    <View className={`list-item rule rule--${sentence.kind}${on ? '' : ' rule--off'}`}>
      <View className="list-item__main">
        <View className="list-item__title">
          {WARNING_KIND_LABEL[sentence.kind]}
          {inherited ? null : on ? null : <View className="badge badge--muted">已关闭</View>}
        </View>
        <View className="rule__sentence">
          {sentence.parts.map((part, index) =>
            part in values ? (
              absent.includes(part as RuleKey) ? (
                <Text key={index} className="rule__absent">商品自己的预警库存</Text>
              ) : (
                <View key={index} className={`rule__box rule-${part}${errors[part] ? ' rule__box--error' : ''}`}>
                  <Input
                    className="rule__input"
                    type={INTEGER.has(part as RuleKey) ? 'number' : 'digit'}
                    value={values[part as RuleKey]}
                    placeholder={inherited ? inherited[part as RuleKey] || '—' : ''}
                    onInput={(e) => onChange(part as RuleKey, e.detail.value)}
                  />
                </View>
              )
            ) : (
              <Text key={index}>{part}</Text>
            ),
          )}
        </View>
        {fields.map((key) => (errors[key] ? <View key={key} className={`field__error rule__error rule-error-${key}`}>{errors[key]}</View> : null))}
      </View>
      {inherited ? null : (
        <View className="list-item__side rule__switch">
          <Switch checked={on} onChange={toggle} />
        </View>
      )}
    </View>
  );
}
