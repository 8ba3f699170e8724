import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SwitchField, TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Sheet } from '../../../components/Sheet';
import { Empty, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useRemote } from '../../../hooks/useRemote';
import { maxLength, required } from '../../../lib/validate';
import { store, type SavedAddress } from '../../../storefront/api';
import { pickAddress } from '../../../storefront/cart';
import { backInShop } from '../../../storefront/routes';
import { ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';

const mobile = (value: string) => (!value.trim() || /^1[3-9]\d{9}$/.test(value.trim()) ? null : '请输入 11 位手机号');
const RULES = { name: [required, maxLength(50)], phone: [required, mobile], region: [required, maxLength(100)], detail: [required, maxLength(200)] };
const EMPTY = { name: '', phone: '', region: '', detail: '' };

function AddressForm({ shopId, editing, first, onSaved, onClose }: { shopId: string; editing: SavedAddress | null; first: boolean; onSaved: (items: SavedAddress[]) => void; onClose: () => void }) {
  const form = useForm(editing ? { name: editing.name, phone: editing.phone, region: editing.region, detail: editing.detail } : EMPTY, RULES);
  const [isDefault, setDefault] = useState(editing?.isDefault ?? first);
  const action = useAction();
  const save = () => {
    if (!form.check()) return;
    const input = { name: form.values.name.trim(), phone: form.values.phone.trim(), region: form.values.region.trim(), detail: form.values.detail.trim(), isDefault };
    void action.run(async () => {
      const list = editing ? await store.updateAddress(shopId, editing.id, input) : await store.addAddress(shopId, input);
      onSaved(list.items);
    });
  };
  const remove = () =>
    void Taro.showModal({ title: '删除这个地址？', content: `${editing?.name ?? ''} ${editing?.detail ?? ''}` }).then(({ confirm }) => {
      if (!confirm || !editing) return;
      void action.run(async () => onSaved((await store.removeAddress(shopId, editing.id)).items));
    });
  const errors = { ...action.fieldErrors, ...form.errors };
  return (
    <Sheet title={editing ? '编辑地址' : '新增地址'} open onClose={onClose}>
      <View className="address-form">
        <TextField name="name" label="收货人" required placeholder="姓名" value={form.values.name} onChange={form.set('name')} error={errors.name} />
        <TextField name="phone" label="手机号" required kind="integer" placeholder="11 位手机号" value={form.values.phone} onChange={form.set('phone')} error={errors.phone} />
        <TextField name="region" label="所在地区" required placeholder="省 市 区" value={form.values.region} onChange={form.set('region')} error={errors.region} />
        <TextField name="detail" label="详细地址" required placeholder="街道、楼栋、门牌号" value={form.values.detail} onChange={form.set('detail')} error={errors.detail} multiline />
        <SwitchField name="isDefault" label="设为默认" value={isDefault} onChange={setDefault} />
        <View className="sheet-actions">
          <Button className="btn-block save-address" type="primary" block loading={action.busy} onClick={save}>
            保存
          </Button>
        </View>
        {editing ? (
          <View className="sheet-actions">
            <Button className="btn-block remove-address" fill="none" type="danger" block disabled={action.busy} onClick={remove}>
              删除地址
            </Button>
          </View>
        ) : null}
      </View>
    </Sheet>
  );
}

/** The customer's addresses; opened from checkout (`pick=1`) a tap chooses one, and a new one is chosen once saved. */
function Addresses({ shopId }: { shopId: string }) {
  const { params } = useRouter();
  const picking = params.pick === '1';
  const remote = useRemote(() => store.addresses(shopId), [shopId]);
  const [items, setItems] = useState<SavedAddress[] | null>(null);
  const [editing, setEditing] = useState<SavedAddress | 'new' | null>(null);
  const shown = items ?? remote.data?.items ?? [];
  const choose = (address: SavedAddress) => {
    if (!picking) return;
    pickAddress(shopId, address.id);
    backInShop(shopId);
  };
  const saved = (next: SavedAddress[]) => {
    const before = new Set(shown.map((item) => item.id));
    const added = editing === 'new' ? next.find((item) => !before.has(item.id)) : undefined;
    setItems(next);
    setEditing(null);
    if (added && picking) choose(added);
    else void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  return (
    <>
      <RemoteView remote={remote}>
        {() =>
          shown.length === 0 ? (
            <Empty title="还没有收货地址" text="添加一个，下单时就能选" />
          ) : (
            <View className="card">
              {picking ? <View className="muted">点一个地址用于这个订单</View> : null}
              {shown.map((address) => (
                <View key={address.id} className="address-row" onClick={() => choose(address)}>
                  <View className="grow">
                    <View className="address-name">
                      {address.name} {address.phone}
                      {address.isDefault ? <View className="default-tag">默认</View> : null}
                    </View>
                    <View className="address-text">
                      {address.region} {address.detail}
                    </View>
                  </View>
                  <View
                    className="address-row__edit edit-address"
                    onClick={(event) => {
                      event.stopPropagation();
                      setEditing(address);
                    }}
                  >
                    编辑
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </RemoteView>
      <View className="bar">
        <Button className="btn-block new-address" type="primary" block onClick={() => setEditing('new')}>
          ＋ 新增收货地址
        </Button>
      </View>
      {editing ? (
        <AddressForm
          key={editing === 'new' ? 'new' : editing.id}
          shopId={shopId}
          editing={editing === 'new' ? null : editing}
          first={shown.length === 0}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

export default function ShopAddressesPage() {
  return (
    <ShopScreen name="page-shop-addresses" className="shop--footer">
      {(shopId) => <Addresses shopId={shopId} />}
    </ShopScreen>
  );
}
