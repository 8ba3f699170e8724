export default definePageConfig({ navigationBarTitleText: '单据详情' });
