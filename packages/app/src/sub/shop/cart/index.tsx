import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../../components/nut';
import { Empty } from '../../../components/StateView';
import { money } from '../../../lib/format';
import { cartTotal, maxQuantity, readCart, writeCart, writeCheckout, type CartLine } from '../../../storefront/cart';
import { goShop } from '../../../storefront/routes';
import { LineImage, ShopScreen, Stepper } from '../../../storefront/ShopScreen';
import './index.css';

/** The cart, kept on this phone for this shop: quantities, removal, the total and 去结算. */
function Cart({ shopId }: { shopId: string }) {
  const [lines, setLines] = useState<CartLine[]>(() => readCart(shopId));
  useDidShow(() => setLines(readCart(shopId)));
  const save = (next: CartLine[]) => {
    writeCart(shopId, next);
    setLines(next);
  };
  const setQuantity = (goodsId: string, quantity: number) => save(lines.map((line) => (line.goodsId === goodsId ? { ...line, quantity } : line)));
  const remove = (line: CartLine) =>
    void Taro.showModal({ title: '移出购物车？', content: line.title }).then(({ confirm }) => {
      if (confirm) save(lines.filter((other) => other.goodsId !== line.goodsId));
    });
  const checkout = () => {
    writeCheckout(shopId, { fromCart: true, lines });
    goShop('checkout', shopId);
  };
  if (lines.length === 0) {
    return (
      <Empty
        title="购物车是空的"
        text="去店里挑挑看"
        action={
          <Button size="small" type="primary" className="go-home" onClick={() => goShop('home', shopId)}>
            去逛逛
          </Button>
        }
      />
    );
  }
  return (
    <>
      <View className="card">
        {lines.map((line) => (
          <View key={line.goodsId} className="cart-line">
            <LineImage line={line} />
            <View className="cart-line__main">
              <View className="ellipsis cart-line__title">{line.title}</View>
              <View className="cart-line__foot">
                <View className="price num">{money(line.price)}</View>
                <View className="row">
                  <Stepper value={line.quantity} max={Math.max(maxQuantity(line), line.quantity)} onChange={(quantity) => setQuantity(line.goodsId, quantity)} />
                  <View className="cart-line__remove remove-line" onClick={() => remove(line)}>
                    删除
                  </View>
                </View>
              </View>
            </View>
          </View>
        ))}
      </View>
      <View className="bar">
        <View className="bar__total">
          合计<View className="bar__amount num cart-total" style={{ display: 'inline' }}>{money(cartTotal(lines))}</View>
        </View>
        <View className="bar__buttons">
          <Button type="primary" className="go-checkout" onClick={checkout}>
            去结算
          </Button>
        </View>
      </View>
    </>
  );
}

export default function ShopCartPage() {
  return (
    <ShopScreen name="page-shop-cart" className="shop--footer">
      {(shopId) => <Cart shopId={shopId} />}
    </ShopScreen>
  );
}
