export default definePageConfig({ navigationBarTitleText: '商城设置' });
