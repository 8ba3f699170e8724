export default definePageConfig({ navigationBarTitleText: '预警报表' });
