export default definePageConfig({ navigationBarTitleText: '商品 ABC 分析' });
