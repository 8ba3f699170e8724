/* The few NutUI icons the app uses: each is a small SVG mask coloured by the text colour. */
export {
  Add,
  ArrowTransfer,
  Category,
  Checked,
  Home,
  Notice,
  Order,
  Received,
  Scan,
  Search,
  Store,
  Transit,
  User,
  Warning,
} from '@nutui/icons-react-taro';
