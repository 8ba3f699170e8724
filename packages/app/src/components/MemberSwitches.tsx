import { View } from '@tarojs/components';
import type { StaffPermissions } from '../api/types';
import { STAFF_SWITCHES } from '../lib/labels';

type SwitchKey = keyof StaffPermissions;
/** A member's setting of each switch: true or false for this member alone, null to follow the shop's set. */
export type MemberChoices = Record<SwitchKey, boolean | null>;

/** The choices a member's stored overrides stand for; a switch they do not name follows the shop. */
export function memberChoices(overrides: Partial<StaffPermissions> | undefined): MemberChoices {
  return Object.fromEntries(STAFF_SWITCHES.map(({ key }) => [key, overrides?.[key] ?? null])) as MemberChoices;
}

const onOff = (value: boolean) => (value ? '开启' : '关闭');

/** Each switch of one member: follow the shop (saying what the shop has), or on or off for this member. */
export function MemberSwitches({ shop, choices, onChange }: { shop: StaffPermissions; choices: MemberChoices; onChange: (choices: MemberChoices) => void }) {
  return (
    <>
      {STAFF_SWITCHES.map((item) => {
        const choice = choices[item.key];
        const options: Array<[boolean | null, string]> = [
          [null, `跟随全店（${onOff(shop[item.key])}）`],
          [true, '开启'],
          [false, '关闭'],
        ];
        return (
          <View key={item.key} className={`list-item member-switch member-switch-${item.key}`}>
            <View className="list-item__main">
              <View className="list-item__title">
                {item.title}
                {choice === null ? null : <View className="badge badge--warning">单独设置</View>}
              </View>
              <View className="list-item__meta">{item.help}</View>
              <View className="chips" style={{ marginTop: '8px', marginBottom: 0 }}>
                {options.map(([value, label]) => (
                  <View key={label} className={`chip chip--small${choice === value ? ' chip--on' : ''}`} onClick={() => onChange({ ...choices, [item.key]: value })}>
                    {label}
                  </View>
                ))}
              </View>
            </View>
          </View>
        );
      })}
    </>
  );
}
