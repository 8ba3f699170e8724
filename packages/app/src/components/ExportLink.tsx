import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { queryString, type Query } from '../api/client';
import { useTask } from '../hooks/useTask';
import { openServerFile } from '../lib/files';

/** 导出 Excel: the list as the screen filters it, as a spreadsheet (the server leaves out what the member may not see). */
export function ExportLink({ list, title, query = {}, children }: { list: string; title: string; query?: Query; children?: ReactNode }) {
  const { busy, run } = useTask();
  const download = () => run(() => openServerFile(`/api/exports/${list}${queryString(query)}`, 'xlsx', title, true));
  return (
    <View className="export-row">
      {children}
      <View className={`link export-list export-${list}`} onClick={() => void download()}>
        {busy ? '正在导出…' : '导出 Excel'}
      </View>
    </View>
  );
}
