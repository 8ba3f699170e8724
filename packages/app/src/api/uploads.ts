import Taro from '@tarojs/taro';
import { absoluteUrl } from './base-url';
import { fetchServerFile } from '../lib/files';
import { sessionHeader } from './token';
import type { Upload, UploadPurpose } from './types';

/** A photo the person chose, not yet sent: a File on H5, a temporary file path in the mini-program. */
export interface PickedImage {
  name: string;
  file: File | string;
}

/** Why an upload failed, in words for the person who chose the photo. */
export class UploadError extends Error {}

const REFUSED: Record<number, string> = {
  400: '这不是可用的图片，请选择 JPG、PNG 或 WebP 照片',
  401: '登录已失效，请重新登录后再上传',
  403: '店主没有开放这项权限，不能上传',
  413: '图片太大，请选择 10 MB 以内的照片',
};

function refusal(status: number, body: string): UploadError {
  if (status === 400 && body.includes('HEIC')) return new UploadError('无法读取 HEIC 照片：请在相机设置中选“兼容性最佳”，或截图后再上传');
  if (status === 400 && body.includes('damaged')) return new UploadError('图片已损坏或不完整，请重新选择');
  return new UploadError(REFUSED[status] ?? (status >= 500 ? '服务器开小差了，请稍后重试' : `上传失败（${status}）`));
}

const NETWORK_LOST = '网络中断，图片没有上传，请重试';

/**
 * Lets the person choose up to `count` photos from the camera or the album. In the mini-program WeChat's own
 * chooser (already compressed); on H5 a file input, which on a phone offers the camera too. None: [].
 */
export async function pickImages(count: number): Promise<PickedImage[]> {
  if (process.env.TARO_ENV === 'h5') {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp,image/avif,image/heic';
    input.multiple = count > 1;
    const files = await new Promise<File[]>((resolve) => {
      input.addEventListener('change', () => resolve(Array.from(input.files ?? [])));
      input.addEventListener('cancel', () => resolve([]));
      input.click();
    });
    return files.slice(0, count).map((file) => ({ name: file.name, file }));
  }
  const chosen = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] }).catch(() => null);
  return (chosen?.tempFiles ?? []).map((file) => ({ name: file.tempFilePath.split('/').pop() ?? 'photo.jpg', file: file.tempFilePath }));
}

/** Sends one photo with the staff session; `onProgress` hears 0–100. Fails with an UploadError. */
export function uploadImage(picked: PickedImage, purpose: UploadPurpose, onProgress: (percent: number) => void): Promise<Upload> {
  const url = absoluteUrl(`/api/uploads?purpose=${purpose}`);
  const header = sessionHeader();
  const settle = (status: number, body: string): Upload => {
    if (status !== 201) throw refusal(status, body);
    return JSON.parse(body) as Upload;
  };
  if (typeof picked.file !== 'string') {
    const file = picked.file;
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', url);
      for (const [name, value] of Object.entries(header)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
      request.onload = () => {
        try {
          resolve(settle(request.status, request.responseText));
        } catch (error) {
          reject(error);
        }
      };
      request.onerror = request.ontimeout = () => reject(new UploadError(NETWORK_LOST));
      const form = new FormData();
      form.append('file', file, picked.name);
      request.send(form);
    });
  }
  const filePath = picked.file;
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url,
      filePath,
      name: 'file',
      header,
      success: (result) => {
        try {
          resolve(settle(result.statusCode, String(result.data)));
        } catch (error) {
          reject(error);
        }
      },
      fail: () => reject(new UploadError(NETWORK_LOST)),
    });
    task.onProgressUpdate((update) => onProgress(update.progress));
  });
}

/**
 * A bill's attachment is the shop's own: an <Image> cannot send the session, so it is fetched with it and
 * shown from a local copy (a blob on H5, a temporary file in the mini-program).
 */
export function fetchSignedImage(path: string): Promise<string> {
  return fetchServerFile(path, true, (status) => new UploadError(`图片无法显示（${status}）`));
}
