export default definePageConfig({ navigationBarTitleText: '商品', enablePullDownRefresh: true });
