export default definePageConfig({ navigationBarTitleText: '库存与出入库' });
