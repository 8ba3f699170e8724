export default definePageConfig({ navigationBarTitleText: '应收应付', enablePullDownRefresh: true });
