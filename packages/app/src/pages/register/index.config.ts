// The register screen draws its own brand header and links back to login.
export default definePageConfig({ navigationBarTitleText: '注册店铺', navigationStyle: 'custom' });
