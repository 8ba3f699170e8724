import { View } from '@tarojs/components';
import { useState } from 'react';
import { useAction } from '../hooks/useAction';
import { TextField } from './Fields';
import { Button } from './nut';
import { Sheet } from './Sheet';

/**
 * Adds a choice (a category, a unit) without leaving the form that needs it: `add` saves the name and
 * selects what it made; a refusal (a name already taken, say) stays in the sheet.
 */
export function AddOptionSheet({ noun, open, onClose, add }: { noun: string; open: boolean; onClose: () => void; add: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const action = useAction();
  const [empty, setEmpty] = useState(false);
  const save = () => {
    const trimmed = name.trim();
    setEmpty(trimmed === '');
    if (trimmed === '') return;
    void action.run(async () => {
      await add(trimmed);
      setName('');
      onClose();
    });
  };
  const refusal = empty ? '必填' : (Object.values(action.fieldErrors)[0] ?? action.error?.message);
  return (
    <Sheet title={`新建${noun}`} open={open} onClose={onClose}>
      <TextField name="newOption" label={`${noun}名称`} value={name} onChange={setName} error={refusal} placeholder={`输入新的${noun}`} />
      <View className="gap" />
      <Button type="primary" block className="save-option" loading={action.busy} onClick={save}>
        保存并选中
      </Button>
    </Sheet>
  );
}
