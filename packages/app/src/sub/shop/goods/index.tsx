import { Image, Swiper, SwiperItem, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../../components/nut';
import { RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity } from '../../../lib/format';
import { store, type StoreGoods } from '../../../storefront/api';
import { addToCart, lineFrom, maxQuantity, writeCheckout } from '../../../storefront/cart';
import { goShop } from '../../../storefront/routes';
import { ShopScreen, Stepper } from '../../../storefront/ShopScreen';
import './index.css';
import { imageSrc } from '../../../lib/images';

function Detail({ shopId, goods }: { shopId: string; goods: StoreGoods }) {
  const max = maxQuantity({ available: goods.availableQuantity, maxPerOrder: goods.maxPerOrder });
  const [count, setCount] = useState(1);
  const soldOut = max < 1;
  const wanted = Math.min(Math.max(count, 1), Math.max(max, 1));
  const add = () => {
    const inCart = addToCart(shopId, goods, wanted);
    void Taro.showToast({ title: `已加入购物车（共 ${inCart} 件）`, icon: 'none' });
  };
  const buyNow = () => {
    writeCheckout(shopId, { fromCart: false, lines: [lineFrom(goods, wanted)] });
    goShop('checkout', shopId);
  };
  const capped = Number(goods.maxPerOrder) > 0;
  return (
    <>
      {goods.images.length > 0 ? (
        <Swiper className="goods-swiper" indicatorDots={goods.images.length > 1} circular>
          {goods.images.map((src) => (
            <SwiperItem key={src}>
              <Image className="goods-swiper__image" src={imageSrc(src)} mode="aspectFill" />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className="goods-noimage">{goods.title.slice(0, 1)}</View>
      )}
      <View className="card">
        <View className="price price--big num goods-price">{money(goods.price)}</View>
        <View className="goods-title">{goods.title}</View>
        <View className="muted goods-stock">
          {soldOut ? '已售罄' : `库存 ${quantity(goods.availableQuantity)}`}
          {capped ? ` · 每单限购 ${quantity(goods.maxPerOrder)}` : ''}
          {goods.categoryName ? ` · ${goods.categoryName}` : ''}
        </View>
      </View>
      {soldOut ? null : (
        <View className="card qty-row">
          <View>购买数量</View>
          <Stepper value={wanted} max={max} onChange={setCount} />
        </View>
      )}
      {goods.description ? (
        <View className="card">
          <View className="card__title">商品详情</View>
          <View className="goods-description">{goods.description}</View>
        </View>
      ) : null}
      <View className="bar">
        <View className="bar__total link go-cart" onClick={() => goShop('cart', shopId)}>
          购物车
        </View>
        <View className="bar__buttons">
          <Button className="add-to-cart" fill="outline" type="primary" disabled={soldOut} onClick={add}>
            加入购物车
          </Button>
          <Button className="buy-now" type="primary" disabled={soldOut} onClick={buyNow}>
            {soldOut ? '已售罄' : '立即购买'}
          </Button>
        </View>
      </View>
    </>
  );
}

function GoodsScreen({ shopId }: { shopId: string }) {
  const { params } = useRouter();
  const id = params.id ?? '';
  const goods = useRemote(() => store.goodsItem(shopId, id), [shopId, id]);
  return <RemoteView remote={goods}>{(data) => <Detail shopId={shopId} goods={data} />}</RemoteView>;
}

export default function ShopGoodsPage() {
  return (
    <ShopScreen name="page-shop-goods" className="shop--footer">
      {(shopId) => <GoodsScreen shopId={shopId} />}
    </ShopScreen>
  );
}
