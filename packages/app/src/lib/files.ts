import Taro from '@tarojs/taro';
import { absoluteUrl } from '../api/base-url';
import { readToken } from '../api/token';

/** What a refused download means to the person who tapped. */
const FAILURE: Record<number, string> = {
  400: '内容太多，请缩小筛选范围后再导出',
  401: '登录已失效，请重新登录',
  403: '店主没有开放这项权限',
  404: '文件不存在或链接已撤销',
};

/** `xcbackup`: a shop's backup file, downloaded on H5 only (WeChat opens no such document). */
export type FileKind = 'png' | 'pdf' | 'xlsx' | 'xcbackup';

/**
 * Fetches an image, a PDF or a spreadsheet from the server (signed in when `signedIn`) and hands it to the
 * phone: in WeChat the image opens the share menu (send to a chat, save) and a document opens with its forward
 * menu; on H5 each is downloaded as a file named `name`.
 */
export async function openServerFile(path: string, kind: FileKind, name: string, signedIn: boolean): Promise<void> {
  const token = signedIn ? readToken() : null;
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const url = absoluteUrl(path);
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(url, { headers: header });
    if (!response.ok) throw new Error(FAILURE[response.status] ?? `下载失败（${response.status}）`);
    const objectUrl = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = `${name}.${kind}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Long enough for the browser to have started saving it.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    return;
  }
  if (kind === 'xcbackup') throw new Error('请在电脑浏览器中打开小仓下载备份');
  const downloaded = await Taro.downloadFile({ url, header });
  if (downloaded.statusCode !== 200) throw new Error(FAILURE[downloaded.statusCode] ?? `下载失败（${downloaded.statusCode}）`);
  if (kind !== 'png') {
    await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: kind, showMenu: true });
  } else if (Taro.canIUse('showShareImageMenu')) {
    await Taro.showShareImageMenu({ path: downloaded.tempFilePath });
  } else {
    await Taro.previewImage({ urls: [downloaded.tempFilePath] });
  }
}

/** A spreadsheet the person picks: from a chat in WeChat (where files arrive), from the phone or computer on H5. */
export async function pickSpreadsheet(): Promise<{ name: string; data: ArrayBuffer } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const file = await new Promise<File | null>((resolve) => {
      input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
      input.addEventListener('cancel', () => resolve(null));
      input.click();
    });
    return file ? { name: file.name, data: await file.arrayBuffer() } : null;
  }
  const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] }).catch(() => null);
  const file = picked?.tempFiles[0];
  if (!file) return null;
  const data = Taro.getFileSystemManager().readFileSync(file.path) as ArrayBuffer;
  return { name: file.name, data };
}
