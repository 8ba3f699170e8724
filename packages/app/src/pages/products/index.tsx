import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { products } from '../../api/master';
import type { Product } from '../../api/types';
import { Button } from '../../components/nut';
import { ExportLink } from '../../components/ExportLink';
import { OptionChips } from '../../components/OptionChips';
import { Empty, PagedList } from '../../components/PagedList';
import { Screen } from '../../components/Screen';
import { SearchBar } from '../../components/SearchBar';
import { useOptions } from '../../hooks/useOptions';
import { useOnReturn } from '../../hooks/useOnReturn';
import { usePagedList } from '../../hooks/usePagedList';
import { money, quantity } from '../../lib/format';
import { go } from '../../routes';
import { useSession } from '../../state/session';
import { thumbnailSrc } from '../../lib/images';

function ProductRow({ product }: { product: Product }) {
  return (
    <View className="list-item product-row" onClick={() => go('productEdit', { id: product.id })}>
      <View className="thumb">{product.imageUrl ? <Image src={thumbnailSrc(product.imageUrl)} mode="aspectFill" /> : product.name.slice(0, 1)}</View>
      <View className="list-item__main">
        <View className="list-item__title ellipsis">
          {product.name}
          {!product.isEnabled ? <View className="badge badge--muted" style={{ display: 'inline-block' }}>停用</View> : null}
        </View>
        <View className="list-item__meta ellipsis">
          {[product.code, product.categoryName, product.specification].filter(Boolean).join(' · ') || '—'}
        </View>
        <View className="list-item__meta">
          售价 {money(product.outboundPrice)}
          {product.inboundPrice !== undefined ? ` · 进价 ${money(product.inboundPrice)}` : ''}
        </View>
      </View>
      {product.stockQuantity !== undefined ? (
        <View className="list-item__side">
          <View className="strong num stock-qty">{quantity(product.stockQuantity)}</View>
          <View className="muted">{product.unit}</View>
        </View>
      ) : null}
    </View>
  );
}

function ProductsContent() {
  const { abilities } = useSession();
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const categories = useOptions('categories');
  const list = usePagedList<Product>((page, pageSize) => products.list({ page, pageSize, q, categoryId }), [q, categoryId]);
  // Coming back from the edit screen: show the saved changes.
  useOnReturn(() => void list.reload());
  const onScan = useCallback((code: string) => {
    products.byCode(code).then(
      (product) => go('productEdit', { id: product.id }),
      (error: unknown) => {
        if (!(error instanceof ApiError)) return;
        if (error.status === 404 && abilities.editProducts) go('productEdit', { code });
        else void Taro.showToast({ title: `未找到条码 ${code}`, icon: 'none' });
      },
    );
  }, [abilities.editProducts]);
  return (
    <>
      <SearchBar value={q} onSearch={setQ} onScan={onScan} placeholder="搜索商品名称、编码或条码" />
      <OptionChips name="category-filter" noun="分类" choices={categories} value={categoryId} onChange={setCategoryId} />
      <ExportLink list="products" title="商品" query={{ q, categoryId }}>
        {abilities.editProducts ? (
          <View className="link import-products" onClick={() => go('sheetImport', { kind: 'products' })}>
            从 Excel 导入
          </View>
        ) : null}
      </ExportLink>
      <View className="card">
        <PagedList
          list={list}
          empty={
            <Empty
              title={q || categoryId ? '没有找到相关商品' : '还没有商品'}
              text={q || categoryId ? '换个条件试试' : '先把你卖的东西录进来吧'}
              action={abilities.editProducts && !q && !categoryId ? <Button type="primary" size="small" onClick={() => go('productEdit')}>新增商品</Button> : undefined}
            />
          }
        >
          {(product) => <ProductRow key={product.id} product={product} />}
        </PagedList>
      </View>
      {abilities.editProducts ? (
        <View className="fab add-product" onClick={() => go('productEdit')}>
          ＋
        </View>
      ) : null}
    </>
  );
}

export default function ProductsPage() {
  return (
    <Screen tab="products" className="page-products">
      <ProductsContent />
    </Screen>
  );
}
