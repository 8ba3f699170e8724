import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/nut';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { SearchBar } from '../../../components/SearchBar';
import { usePagedList } from '../../../hooks/usePagedList';
import { ExportLink } from '../../../components/ExportLink';
import { MASTER_KINDS, type MasterRecord } from '../../../lib/master-kinds';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

export default function MasterListPage() {
  const { params } = useRouter();
  const kindName = params.kind ?? 'suppliers';
  const kind = MASTER_KINDS[kindName] ?? MASTER_KINDS.suppliers!;
  const canWrite = useSession().abilities[kind.writeAbility];
  const [q, setQ] = useState('');
  const list = usePagedList<MasterRecord>((page, pageSize) => kind.api.list({ page, pageSize, q }), [kind, q]);
  useOnReturn(() => void list.reload());
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: kind.title });
  }, [kind]);
  const importKind = kind.importKind;
  const importLink =
    importKind && canWrite ? (
      <View className="link import-master" onClick={() => go('sheetImport', { kind: importKind })}>
        从 Excel 导入
      </View>
    ) : null;
  return (
    <Screen className={`page-master page-master--${kindName}`}>
      <SearchBar value={q} onSearch={setQ} placeholder={`搜索${kind.title}`} />
      {kindName === 'customers' || kindName === 'suppliers' ? (
        <ExportLink list={kindName} title={kind.title} query={{ q }}>
          {importLink}
        </ExportLink>
      ) : importLink ? (
        <View className="export-row">{importLink}</View>
      ) : null}
      <View className="card">
        <PagedList
          list={list}
          empty={
            <Empty
              title={q ? `没有找到${kind.title}` : `还没有${kind.title}`}
              action={q || !canWrite ? undefined : <Button size="small" type="primary" onClick={() => go('masterEdit', { kind: kindName })}>新增{kind.title}</Button>}
            />
          }
        >
          {(record) => (
            <View key={record.id} className="list-item master-row" onClick={() => go('masterEdit', { kind: kindName, id: record.id })}>
              <View className="thumb" style={{ width: '40px', height: '40px', fontSize: '16px' }}>{record.name.slice(0, 1)}</View>
              <View className="list-item__main">
                <View className="list-item__title ellipsis">
                  {record.name}
                  {record.status === 'inactive' ? <View className="badge badge--muted" style={{ display: 'inline-block' }}>停用</View> : null}
                </View>
                {kind.summary(record) ? <View className="list-item__meta ellipsis">{kind.summary(record)}</View> : null}
              </View>
              <View className="chevron">›</View>
            </View>
          )}
        </PagedList>
      </View>
      {canWrite ? (
        <View className="fab add-master" style={{ bottom: '32px' }} onClick={() => go('masterEdit', { kind: kindName })}>
          ＋
        </View>
      ) : null}
    </Screen>
  );
}
