export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/products/index',
    'pages/bills/index',
    'pages/stock/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/register/index',
  ],
  // Secondary screens load on demand, so the main package stays well under WeChat's 2 MB.
  subPackages: [
    { root: 'sub/product', pages: ['edit/index', 'ledger/index'] },
    { root: 'sub/bill', pages: ['edit/index', 'detail/index'] },
    { root: 'sub/stock', pages: ['transfer/index', 'stocktake/index'] },
    { root: 'sub/master', pages: ['list/index', 'edit/index', 'import/index'] },
    { root: 'sub/settings', pages: ['staff/index', 'staff-edit/index', 'switches/index', 'config/index', 'password/index', 'audit/index'] },
    { root: 'sub/report', pages: ['monthly/index', 'restock/index', 'warnings/index', 'classify/index', 'sales/index', 'stock/index'] },
    { root: 'sub/money', pages: ['accounts/index', 'parties/index', 'settle/index', 'statement/index'] },
    { root: 'sub/notify', pages: ['center/index', 'warnings/index', 'rules/index', 'settings/index', 'deliveries/index'] },
    // The customer's storefront: independent, so a share card or QR code opens it without the merchant's main package.
    {
      root: 'sub/shop',
      pages: ['home/index', 'goods/index', 'cart/index', 'checkout/index', 'addresses/index', 'orders/index', 'order/index', 'login/index'],
      independent: true,
    },
    { root: 'sub/order', pages: ['list/index', 'detail/index'] },
    { root: 'sub/goods', pages: ['list/index', 'edit/index', 'status/index', 'settings/index'] },
  ],
  // H5 only: with its slide, Taro's router hides the screen left behind on a timer, and a back tapped before the
  // timer fires leaves that screen hidden and the phone showing an empty page. Screens change at once instead.
  animation: false,
  window: {
    navigationBarBackgroundColor: '#0b6e56',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '小仓',
    // Also gives the H5 app a title bar with a back button.
    navigationStyle: 'default',
    backgroundColor: '#f4f6f8',
    backgroundTextStyle: 'dark',
  },
});
