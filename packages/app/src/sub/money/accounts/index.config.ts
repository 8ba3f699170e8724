export default definePageConfig({ navigationBarTitleText: '资金账户' });
