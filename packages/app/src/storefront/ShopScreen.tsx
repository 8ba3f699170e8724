import { Image, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import { Empty } from '../components/StateView';
import { readShopToken, toLogin } from './api';
import './styles';
import { thumbnailSrc } from '../lib/images';

interface Props {
  /** The page's class, for tests and styles. */
  name: string;
  /** The login screen itself is open to everyone. */
  open?: boolean;
  className?: string;
  children: (shopId: string) => ReactNode;
}

/**
 * A storefront screen: the shop comes from the link's `shopId`; a customer not signed in to that shop is sent to
 * the login screen and comes back here afterwards.
 */
export function ShopScreen({ name, open = false, className, children }: Props) {
  const { params } = useRouter();
  const shopId = typeof params.shopId === 'string' && /^\d+$/.test(params.shopId) ? params.shopId : null;
  const [signedIn, setSignedIn] = useState(() => (shopId ? readShopToken(shopId) !== null : false));
  useDidShow(() => {
    if (!shopId || open) return;
    const has = readShopToken(shopId) !== null;
    setSignedIn(has);
    if (!has) toLogin(shopId);
  });
  return (
    <View className={`screen shop ${name}${className ? ` ${className}` : ''}`}>
      {!shopId ? <Empty title="链接不完整" text="请从店家分享的链接或二维码进入店铺" /> : open || signedIn ? children(shopId) : null}
    </View>
  );
}

/** A − / number / + stepper kept within 1 and `max`. */
export function Stepper({ value, max, onChange, name = 'qty' }: { value: number; max: number; onChange: (value: number) => void; name?: string }) {
  return (
    <View className={`stepper ${name}`}>
      <View className={`stepper__button stepper-minus${value <= 1 ? ' stepper__button--off' : ''}`} onClick={() => value > 1 && onChange(value - 1)}>
        −
      </View>
      <View className="stepper__value num">{value}</View>
      <View className={`stepper__button stepper__button--add stepper-plus${value >= max ? ' stepper__button--off' : ''}`} onClick={() => value < max && onChange(value + 1)}>
        ＋
      </View>
    </View>
  );
}

/** No online payment yet: said wherever an order waits for it. */
export function PaymentNote() {
  return (
    <View className="pay-note">
      暂不支持在线支付：下单后请与店家联系付款（如微信转账），店家确认收款后订单变为「待发货」。
    </View>
  );
}

/** A line's picture, or the first character of its title when it has none. */
export function LineImage({ line }: { line: { image: string | null; title: string } }) {
  return line.image ? <Image className="cart-line__image" src={thumbnailSrc(line.image)} mode="aspectFill" /> : <View className="cart-line__noimage">{line.title.slice(0, 1)}</View>;
}
