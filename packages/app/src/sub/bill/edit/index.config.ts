export default definePageConfig({ navigationBarTitleText: '开单' });
