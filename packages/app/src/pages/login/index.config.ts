// The login screen draws its own brand header.
export default definePageConfig({ navigationBarTitleText: '登录', navigationStyle: 'custom' });
