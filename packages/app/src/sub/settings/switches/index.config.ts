export default definePageConfig({ navigationBarTitleText: '员工权限' });
