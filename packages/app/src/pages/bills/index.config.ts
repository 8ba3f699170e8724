export default definePageConfig({ navigationBarTitleText: '单据', enablePullDownRefresh: true });
