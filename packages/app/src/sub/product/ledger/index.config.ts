export default definePageConfig({ navigationBarTitleText: '库存流水', enablePullDownRefresh: true });
