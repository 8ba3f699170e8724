import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { queryString, type Query } from '../api/client';
import { useTask } from '../hooks/useTask';
import { openServerFile } from '../lib/files';

type ExportFormat = 'xlsx' | 'csv';
const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'xlsx', label: 'Excel 表格（.xlsx）' },
  { format: 'csv', label: 'CSV（.csv，各种表格软件都能打开）' },
];

/**
 * 导出: the list or report as the screen filters it, as a spreadsheet (the server leaves out what the member may not
 * see). A list downloads as Excel; a report (`choose`) asks Excel or CSV first.
 */
export function ExportLink({
  list,
  title,
  query = {},
  choose = false,
  label = choose ? '导出' : '导出 Excel',
  children,
}: {
  list: string;
  title: string;
  query?: Query;
  choose?: boolean;
  label?: string;
  children?: ReactNode;
}) {
  const { busy, run } = useTask();
  const download = (format: ExportFormat) => run(() => openServerFile(`/api/exports/${list}${queryString({ ...query, format })}`, format, title, true));
  const tap = () => {
    if (!choose) return void download('xlsx');
    // Cancelling the sheet rejects: nothing to do then.
    Taro.showActionSheet({ itemList: FORMATS.map((f) => f.label) }).then(({ tapIndex }) => void download(FORMATS[tapIndex]!.format), () => undefined);
  };
  return (
    <View className="export-row">
      {children}
      <View className={`link export-list export-${list}`} onClick={tap}>
        {busy ? '正在导出…' : label}
      </View>
    </View>
  );
}
