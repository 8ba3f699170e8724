import { View } from '@tarojs/components';
import { switchTab, TAB_ROUTES } from '../routes';
import { useSession } from '../state/session';
import { Category, Home, Order, Store, User } from './icons';

const TABS: Record<(typeof TAB_ROUTES)[number], { label: string; Icon: typeof Home }> = {
  home: { label: '首页', Icon: Home },
  products: { label: '商品', Icon: Category },
  bills: { label: '单据', Icon: Order },
  stock: { label: '库存', Icon: Store },
  mine: { label: '我的', Icon: User },
};

export function TabBar({ current }: { current: (typeof TAB_ROUTES)[number] }) {
  const { me, abilities } = useSession();
  // Staff who may not see stock get no 库存 tab (while /api/me loads, nothing is known yet: keep it).
  const routes = TAB_ROUTES.filter((route) => route !== 'stock' || !me || abilities.seeStock);
  return (
    <View className="tabbar">
      {routes.map((route) => {
        const { label, Icon } = TABS[route];
        return (
          <View
            key={route}
            className={`tabbar__item tab-${route}${route === current ? ' tabbar__item--on' : ''}`}
            onClick={() => route !== current && switchTab(route)}
          >
            <View className="tabbar__icon">
              <Icon size={22} />
            </View>
            {label}
          </View>
        );
      })}
    </View>
  );
}
