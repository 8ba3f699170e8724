import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { logout, logoutEverywhere } from '../../api/auth';
import { Button } from '../../components/nut';
import { Screen } from '../../components/Screen';
import { useAction } from '../../hooks/useAction';
import { openServerFile } from '../../lib/files';
import { go, ROUTES, type Route } from '../../routes';
import { endSession, useSession } from '../../state/session';

interface MenuEntry {
  icon: string;
  label: string;
  /** A screen to open, or (`name` and `onTap`) something done in place. */
  route?: Route;
  query?: Record<string, string>;
  name?: string;
  onTap?: () => void;
  show: boolean;
}

function Menu({ title, entries }: { title: string; entries: MenuEntry[] }) {
  const visible = entries.filter((entry) => entry.show);
  if (visible.length === 0) return null;
  return (
    <>
      <View className="section-title">{title}</View>
      <View className="card" style={{ paddingTop: 0, paddingBottom: 0 }}>
        {visible.map((entry) => (
          <View
            key={entry.label}
            className={`menu-item menu-${entry.name ?? entry.route}${entry.query?.kind ? `-${entry.query.kind}` : ''}`}
            onClick={() => (entry.onTap ? entry.onTap() : entry.route && go(entry.route, entry.query))}
          >
            <View className="menu-item__icon">{entry.icon}</View>
            <View className="menu-item__text">{entry.label}</View>
            <View className="chevron">›</View>
          </View>
        ))}
      </View>
    </>
  );
}

function MineContent() {
  const { me, abilities } = useSession();
  const action = useAction();
  const downloadBackup = () =>
    void action.run(async () => {
      await openServerFile('/api/shop/backup', 'xcbackup', `${me?.shop.name ?? '店铺'}备份`, true);
      void Taro.showToast({ title: '备份已下载', icon: 'success' });
    });
  const signOut = () =>
    void Taro.showModal({ title: '退出登录', content: '确定退出当前账号？' }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        // Ending the session locally matters most; the server call only revokes the token early.
        await logout().catch(() => undefined);
        endSession();
        void Taro.reLaunch({ url: ROUTES.login });
      });
    });
  const signOutEverywhere = () =>
    void Taro.showModal({ title: '退出所有设备', content: '所有手机和电脑上的登录都会退出，包括这台设备。确定吗？' }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        // Unlike a plain logout, this one must reach the server: it is what ends the other devices' sessions.
        await logoutEverywhere();
        endSession({ forgetDevice: true });
        void Taro.reLaunch({ url: ROUTES.login });
      });
    });
  return (
    <>
      <View className="hero">
        <View className="row">
          <View>
            <View className="hero__title">{me?.user.realName}</View>
            <View className="hero__sub">
              {me?.user.username} · {abilities.isOwner ? '店主' : '员工'} · {me?.shop.name}
            </View>
          </View>
          <View className="auth__logo" style={{ width: '44px', height: '44px', fontSize: '20px' }}>
            {me?.user.realName.slice(0, 1)}
          </View>
        </View>
      </View>
      <Menu
        title="基础资料"
        entries={[
          { icon: '供', label: '供应商', route: 'masterList', query: { kind: 'suppliers' }, show: true },
          { icon: '客', label: '客户', route: 'masterList', query: { kind: 'customers' }, show: true },
          { icon: '类', label: '商品分类', route: 'masterList', query: { kind: 'categories' }, show: abilities.editProducts },
          { icon: '价', label: '价格等级', route: 'masterList', query: { kind: 'price-levels' }, show: abilities.manageShop },
          { icon: '仓', label: '库存点', route: 'masterList', query: { kind: 'stock-points' }, show: abilities.manageStockPoints },
        ]}
      />
      <Menu
        title="经营"
        entries={[
          { icon: '表', label: '月度报表', route: 'monthly', show: abilities.isOwner },
          { icon: '销', label: '销售报表', route: 'salesReport', show: abilities.isOwner },
          { icon: '补', label: '补货建议', route: 'restock', show: abilities.isOwner },
          { icon: '析', label: 'ABC 分析', route: 'classification', show: abilities.isOwner },
          { icon: '存', label: '库存与出入库', route: 'stockReport', show: true },
          { icon: '警', label: '库存预警', route: 'warnings', show: abilities.seeStock },
          { icon: '报', label: '预警报表', route: 'warningReport', show: abilities.isOwner },
          { icon: '欠', label: '应收应付', route: 'moneyParties', show: true },
          { icon: '账', label: '资金账户', route: 'moneyAccounts', show: true },
          { icon: '调', label: '库存调拨', route: 'transfer', show: abilities.seeStock },
          { icon: '盘', label: '库存盘点', route: 'stocktake', show: abilities.seeStock },
        ]}
      />
      <Menu
        title="商城"
        entries={[
          { icon: '订', label: '订单', route: 'orderList', show: abilities.outbound },
          { icon: '品', label: '商城商品', route: 'goodsList', show: abilities.editProducts },
          { icon: '城', label: '商城设置', route: 'storeSettings', show: abilities.isOwner },
        ]}
      />
      <Menu
        title="店铺设置"
        entries={[
          { icon: '员', label: '员工账号', route: 'staff', show: abilities.manageShop },
          { icon: '权', label: '员工权限与库存规则', route: 'switches', show: abilities.manageShop },
          { icon: '单', label: '单据类型与单位', route: 'config', show: abilities.manageShop },
          { icon: '规', label: '预警规则', route: 'warningRules', show: abilities.isOwner },
          { icon: '败', label: '发送失败的提醒', route: 'deliveries', show: abilities.isOwner },
          { icon: '记', label: '操作记录', route: 'audit', show: abilities.isOwner },
          // A file to keep on a computer: the mini-program has nowhere to put it.
          { icon: '备', label: '下载店铺备份', name: 'backup', onTap: downloadBackup, show: abilities.isOwner && process.env.TARO_ENV === 'h5' },
        ]}
      />
      <Menu
        title="通知"
        entries={[
          { icon: '通', label: '通知中心', route: 'notifications', show: true },
          { icon: '设', label: '通知设置', route: 'notifySettings', show: true },
        ]}
      />
      <Menu title="账号安全" entries={[{ icon: '密', label: '修改密码', route: 'changePassword', show: true }]} />
      <View className="gap" />
      <Button block fill="outline" type="danger" className="logout" loading={action.busy} onClick={signOut}>
        退出登录
      </Button>
      <View className="gap" />
      <Button block fill="none" type="default" className="logout-everywhere" loading={action.busy} onClick={signOutEverywhere}>
        退出所有设备
      </Button>
    </>
  );
}

export default function MinePage() {
  return (
    <Screen tab="mine" className="page-mine">
      <MineContent />
    </Screen>
  );
}
