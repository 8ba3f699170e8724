export default definePageConfig({ navigationBarTitleText: '单据类型与单位' });
