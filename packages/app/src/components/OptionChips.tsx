import { View } from '@tarojs/components';
import type { OptionsRemote } from '../hooks/useOptions';

interface Props {
  /** Names the chips for tests and styles, and the records in the failure line. */
  name: string;
  noun: string;
  /** Any list of choices with its failure and retry (records of a kind, or people). */
  choices: Pick<OptionsRemote, 'error' | 'reload' | 'options'>;
  value: string;
  onChange: (value: string) => void;
  /** With fewer choices there is nothing to filter by. */
  min?: number;
}

/** One swipeable line of filter chips, "全部" first; a failed load says so and retries on a tap. */
export function OptionChips({ name, noun, choices, value, onChange, min = 1 }: Props) {
  if (choices.error) {
    return (
      <View className="chips chips--line">
        <View className={`chip chip--small chip--failed ${name}-retry`} onClick={() => void choices.reload()}>
          {noun}没能加载，点此重试
        </View>
      </View>
    );
  }
  if (choices.options.length < min) return null;
  return (
    <View className={`chips chips--line ${name}`}>
      {[{ value: '', label: `全部${noun}` }, ...choices.options].map((option) => (
        <View key={option.value || 'all'} className={`chip chip--small${value === option.value ? ' chip--on' : ''}`} onClick={() => onChange(option.value)}>
          {option.label}
        </View>
      ))}
    </View>
  );
}
