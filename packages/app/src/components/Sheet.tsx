import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A bottom sheet; the same markup on H5 and in the mini-program. */
export function Sheet({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  if (!open) return null;
  return (
    <>
      <View className="sheet-mask" onClick={onClose} />
      <View className="sheet">
        <View className="sheet__head">
          <View>{title}</View>
          <View className="sheet__close" onClick={onClose}>
            关闭
          </View>
        </View>
        <View className="sheet__body">{children}</View>
      </View>
    </>
  );
}
