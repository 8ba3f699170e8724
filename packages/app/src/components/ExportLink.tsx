import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import { queryString, type Query } from '../api/client';
import { openServerFile } from '../lib/files';

/** 导出 Excel: the list as the screen filters it, as a spreadsheet (the server leaves out what the member may not see). */
export function ExportLink({ list, title, query = {}, children }: { list: string; title: string; query?: Query; children?: ReactNode }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await openServerFile(`/api/exports/${list}${queryString(query)}`, 'xlsx', title, true);
    } catch (error) {
      void Taro.showToast({ title: error instanceof Error ? error.message : '导出失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="export-row">
      {children}
      <View className={`link export-list export-${list}`} onClick={() => void download()}>
        {busy ? '正在导出…' : '导出 Excel'}
      </View>
    </View>
  );
}
