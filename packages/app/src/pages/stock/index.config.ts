export default definePageConfig({ navigationBarTitleText: '库存', enablePullDownRefresh: true });
