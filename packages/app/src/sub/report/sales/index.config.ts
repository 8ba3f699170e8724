export default definePageConfig({ navigationBarTitleText: '销售报表' });
