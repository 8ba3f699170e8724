import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useTask } from '../hooks/useTask';
import { openServerFile } from '../lib/files';
import { Sheet } from './Sheet';

const LAYOUTS = [
  { layout: 'a4', label: 'A4 打印' },
  { layout: '80', label: '80mm 小票' },
  { layout: '58', label: '58mm 小票' },
] as const;
export type PrintLayout = (typeof LAYOUTS)[number]['layout'];

/**
 * 打印 for anything the server prints (a bill, a packing slip): the A4, 80 mm and 58 mm PDFs of `pdfPath`, and
 * with `imagePath` the image, fetched signed in and opened or saved as the phone does with files. `children`
 * go above the choices (e.g. which parcel).
 */
export function PrintSheet({
  title,
  open,
  onClose,
  name,
  pdfPath,
  imagePath,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  /** The file's name when saved. */
  name: string;
  pdfPath: (layout: PrintLayout) => string;
  imagePath?: string;
  children?: ReactNode;
}) {
  const download = useTask();
  return (
    <Sheet title={title} open={open} onClose={onClose}>
      {children}
      {LAYOUTS.map(({ layout, label }) => (
        <View key={layout} className={`option print-${layout}`} onClick={() => void download.run(() => openServerFile(pdfPath(layout), 'pdf', name, true))}>
          <View>{label}</View>
          <View className="chevron">›</View>
        </View>
      ))}
      {imagePath ? (
        <View className="option print-image" onClick={() => void download.run(() => openServerFile(imagePath, 'png', name, true))}>
          <View>{process.env.TARO_ENV === 'h5' ? '下载图片' : '发送图片'}</View>
          <View className="chevron">›</View>
        </View>
      ) : null}
      <View className="share-note">小票 PDF 按热敏纸宽度排版，用打印机的 App 或电脑打开打印。</View>
    </Sheet>
  );
}
