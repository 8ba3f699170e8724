export default definePageConfig({ navigationBarTitleText: '资料', enablePullDownRefresh: true });
