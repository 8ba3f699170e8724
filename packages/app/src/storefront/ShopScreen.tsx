import { Image, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import { Empty } from '../components/StateView';
import { useRemote } from '../hooks/useRemote';
import { readShopToken, store, toLogin } from './api';
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

/**
 * How an order is paid, said wherever one waits for it: with WeChat Pay in the mini-program when the shop takes
 * it (on H5 it cannot be paid online: Taro's H5 requestPayment would only pretend), and always offline with the
 * merchant.
 */
export function PaymentNote({ shopId }: { shopId: string }) {
  const info = useRemote(() => store.info(shopId), [shopId]);
  const offline = '与店家联系付款（如微信转账），店家确认收款后订单变为「待发货」。';
  const text = !info.data?.wechatPay
    ? `暂不支持在线支付：下单后请${offline}`
    : process.env.TARO_ENV === 'weapp'
      ? `可用微信支付付款；也可以${offline}`
      : `微信支付请在微信小程序中进行；也可以${offline}`;
  return <View className="pay-note">{text}</View>;
}

/** A line's picture, or the first character of its title when it has none. */
export function LineImage({ line }: { line: { image: string | null; title: string } }) {
  return line.image ? <Image className="cart-line__image" src={thumbnailSrc(line.image)} mode="aspectFill" /> : <View className="cart-line__noimage">{line.title.slice(0, 1)}</View>;
}
