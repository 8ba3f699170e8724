/** What the app takes from @tarojs/router: the router's history, made by the same library (history 5). */
import { createHashHistory } from 'history';

export const history = createHashHistory({ window });
