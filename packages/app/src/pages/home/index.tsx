import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
export default function Home() {
  return <View>你好 <Button type="primary">OK</Button></View>;
}
