import Taro from '@tarojs/taro';
import { absoluteUrl } from '../api/base-url';
import { sessionHeader } from '../api/token';

/** What a refused download means to the person who tapped. */
const FAILURE: Record<number, string> = {
  400: '内容太多，请缩小筛选范围后再导出',
  401: '登录已失效，请重新登录',
  403: '店主没有开放这项权限',
  404: '文件不存在或链接已撤销',
};

/** `xcbackup`: a shop's backup file, downloaded on H5 only (WeChat opens no such document). */
export type FileKind = 'png' | 'pdf' | 'xlsx' | 'csv' | 'xcbackup';

/**
 * A file of the server, fetched (with the staff session when `signedIn`) to where the platform keeps files: a
 * blob URL on H5, a temporary file in the mini-program. A refusal throws `failed(status)`.
 */
export async function fetchServerFile(path: string, signedIn: boolean, failed: (status: number) => Error): Promise<string> {
  const header = signedIn ? sessionHeader() : {};
  const url = absoluteUrl(path);
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(url, { headers: header });
    if (!response.ok) throw failed(response.status);
    return URL.createObjectURL(await response.blob());
  }
  const downloaded = await Taro.downloadFile({ url, header });
  if (downloaded.statusCode !== 200) throw failed(downloaded.statusCode);
  return downloaded.tempFilePath;
}

/**
 * Fetches an image, a PDF or a spreadsheet from the server (signed in when `signedIn`) and hands it to the
 * phone: in WeChat the image opens the share menu (send to a chat, save) and a document opens with its forward
 * menu (a CSV, which WeChat cannot open, goes to a chat); on H5 each is downloaded as a file named `name`.
 */
export async function openServerFile(path: string, kind: FileKind, name: string, signedIn: boolean): Promise<void> {
  const failed = (status: number) => new Error(FAILURE[status] ?? `下载失败（${status}）`);
  if (process.env.TARO_ENV === 'h5') {
    const local = await fetchServerFile(path, signedIn, failed);
    const link = document.createElement('a');
    link.href = local;
    link.download = `${name}.${kind}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Long enough for the browser to have started saving it.
    setTimeout(() => URL.revokeObjectURL(local), 60_000);
    return;
  }
  if (kind === 'xcbackup') throw new Error('请在电脑浏览器中打开小仓下载备份');
  const local = await fetchServerFile(path, signedIn, failed);
  if (kind === 'csv') {
    await Taro.shareFileMessage({ filePath: local, fileName: `${name}.csv` });
  } else if (kind !== 'png') {
    await Taro.openDocument({ filePath: local, fileType: kind, showMenu: true });
  } else if (Taro.canIUse('showShareImageMenu')) {
    await Taro.showShareImageMenu({ path: local });
  } else {
    await Taro.previewImage({ urls: [local] });
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
