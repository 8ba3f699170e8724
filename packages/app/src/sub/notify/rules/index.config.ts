export default definePageConfig({ navigationBarTitleText: '预警规则' });
