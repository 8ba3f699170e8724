import Taro from '@tarojs/taro';
import { queryString, type Query } from './api/client';

/** Every screen's path, so that a moved page breaks one line, not twenty. */
export const ROUTES = {
  home: '/pages/home/index',
  products: '/pages/products/index',
  bills: '/pages/bills/index',
  stock: '/pages/stock/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  register: '/pages/register/index',
  productEdit: '/sub/product/edit/index',
  productLedger: '/sub/product/ledger/index',
  billEdit: '/sub/bill/edit/index',
  billDetail: '/sub/bill/detail/index',
  transfer: '/sub/stock/transfer/index',
  stocktake: '/sub/stock/stocktake/index',
  masterList: '/sub/master/list/index',
  masterEdit: '/sub/master/edit/index',
  sheetImport: '/sub/master/import/index',
  staff: '/sub/settings/staff/index',
  staffEdit: '/sub/settings/staff-edit/index',
  switches: '/sub/settings/switches/index',
  config: '/sub/settings/config/index',
  changePassword: '/sub/settings/password/index',
  audit: '/sub/settings/audit/index',
  monthly: '/sub/report/monthly/index',
  restock: '/sub/report/restock/index',
  warningReport: '/sub/report/warnings/index',
  classification: '/sub/report/classify/index',
  salesReport: '/sub/report/sales/index',
  stockReport: '/sub/report/stock/index',
  notifications: '/sub/notify/center/index',
  warnings: '/sub/notify/warnings/index',
  warningRules: '/sub/notify/rules/index',
  notifySettings: '/sub/notify/settings/index',
  deliveries: '/sub/notify/deliveries/index',
  moneyAccounts: '/sub/money/accounts/index',
  moneyParties: '/sub/money/parties/index',
  moneySettle: '/sub/money/settle/index',
  moneyStatement: '/sub/money/statement/index',
  orderList: '/sub/order/list/index',
  orderDetail: '/sub/order/detail/index',
  goodsList: '/sub/goods/list/index',
  goodsEdit: '/sub/goods/edit/index',
  goodsStatus: '/sub/goods/status/index',
  storeSettings: '/sub/goods/settings/index',
} as const;

export type Route = keyof typeof ROUTES;
export const TAB_ROUTES = ['home', 'products', 'bills', 'stock', 'mine'] as const satisfies readonly Route[];

export function go(route: Route, query?: Query): void {
  void Taro.navigateTo({ url: `${ROUTES[route]}${queryString(query)}` });
}

/** Tabs replace each other instead of stacking up; a tab may open filtered (`query`). */
export function switchTab(route: (typeof TAB_ROUTES)[number], query?: Query): void {
  void Taro.reLaunch({ url: `${ROUTES[route]}${queryString(query)}` });
}

export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else switchTab('home');
}
