import { Image, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Empty, PagedList } from '../../../components/PagedList';
import { SearchBar } from '../../../components/SearchBar';
import { useOnReturn } from '../../../hooks/useOnReturn';
import { usePagedList } from '../../../hooks/usePagedList';
import { money, quantity } from '../../../lib/format';
import { store, type StoreGoods, type StoreGoodsList } from '../../../storefront/api';
import { cartCount, readCart } from '../../../storefront/cart';
import { goShop } from '../../../storefront/routes';
import { ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';
import { thumbnailSrc } from '../../../lib/images';

function GoodsCard({ goods, onClick }: { goods: StoreGoods; onClick: () => void }) {
  const soldOut = Number(goods.availableQuantity) <= 0;
  return (
    <View className={`goods-card${soldOut ? ' goods-card--soldout' : ''}`} onClick={onClick}>
      {goods.images[0] ? (
        <Image className="goods-card__image" src={thumbnailSrc(goods.images[0])} mode="aspectFill" lazyLoad />
      ) : (
        <View className="goods-card__noimage">{goods.title.slice(0, 1)}</View>
      )}
      <View className="goods-card__body">
        <View className="goods-card__title">{goods.title}</View>
        <View className="goods-card__foot">
          <View className="price num">{money(goods.price)}</View>
          {soldOut ? <View className="soldout">已售罄</View> : <View className="stock-left">库存 {quantity(goods.availableQuantity)}</View>}
        </View>
      </View>
    </View>
  );
}

/** The shop's window: search, categories and the goods on the shelf, two to a row. */
function Home({ shopId }: { shopId: string }) {
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [inCart, setInCart] = useState(0);
  const [shopName, setShopName] = useState('');
  const list = usePagedList<StoreGoods, StoreGoodsList>((page, pageSize) => store.goods(shopId, { q, categoryId, page, pageSize }), [shopId, q, categoryId]);
  useEffect(() => {
    store
      .info(shopId)
      .then((info) => {
        setShopName(info.shopName);
        void Taro.setNavigationBarTitle({ title: info.shopName });
      })
      .catch(() => undefined);
  }, [shopId]);
  // The chips come with the goods; kept from the first answer, so a search does not make them vanish.
  const [categories, setCategories] = useState<StoreGoodsList['categories']>([]);
  const loadedCategories = list.last?.categories;
  useEffect(() => {
    if (loadedCategories && loadedCategories.length > 0) setCategories((current) => (current.length > 0 ? current : loadedCategories));
  }, [loadedCategories]);
  useDidShow(() => setInCart(cartCount(readCart(shopId))));
  useOnReturn(() => void list.reload());
  return (
    <>
      <View className="shop-head">
        <View className="shop-head__name shop-name">{shopName}</View>
        <View className="shop-head__links">
          <View className="shop-head__link go-orders" onClick={() => goShop('orders', shopId)}>
            我的订单
          </View>
          <View className="shop-head__link go-cart" onClick={() => goShop('cart', shopId)}>
            购物车
            {inCart > 0 ? <View className="shop-head__count cart-count">{inCart}</View> : null}
          </View>
        </View>
      </View>
      <SearchBar value={q} onSearch={setQ} placeholder="搜索商品" />
      {categories.length > 0 ? (
        <View className="chips chips--line category-chips">
          {[{ id: '', name: '全部' }, ...categories].map((category) => (
            <View
              key={category.id || 'all'}
              className={`chip chip--small category-chip${categoryId === category.id ? ' chip--on' : ''}`}
              onClick={() => setCategoryId(category.id)}
            >
              {category.name}
            </View>
          ))}
        </View>
      ) : null}
      <PagedList
        list={list}
        className="goods-grid"
        empty={<Empty title={q || categoryId ? '没有找到商品' : '店里还没有上架商品'} text={q ? '换个关键词试试' : undefined} />}
      >
        {(goods) => <GoodsCard key={goods.id} goods={goods} onClick={() => goShop('goods', shopId, { id: goods.id })} />}
      </PagedList>
    </>
  );
}

export default function ShopHomePage() {
  return <ShopScreen name="page-shop-home">{(shopId) => <Home shopId={shopId} />}</ShopScreen>;
}
