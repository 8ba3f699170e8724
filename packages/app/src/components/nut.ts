/* NutUI, one component at a time, each with only its own styles: keeps the mini-program main package small. */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css.js';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css.js';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css.js';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js';
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/index.js';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag/index.js';
