import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { fetchSignedImage, pickImages, uploadImage, UploadError, type PickedImage } from '../api/uploads';
import type { UploadPurpose } from '../api/types';
import { imageSrc, thumbnailSrc } from '../lib/images';
import { Frame, type FieldFrame } from './Fields';

/** A photo on its way: how far it got, or why it did not arrive. */
interface Pending {
  key: number;
  picked: PickedImage;
  percent: number;
  failure: string | null;
}

/** A receipt's thumbnail, fetched with the session (the server shows it to the shop's staff only). */
function SignedThumbnail({ address }: { address: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let local: string | null = null;
    let cancelled = false;
    fetchSignedImage(address.replace(/\.jpg$/, '-thumb.jpg')).then(
      (loaded) => {
        local = loaded;
        if (!cancelled) setSrc(loaded);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      if (local?.startsWith('blob:')) URL.revokeObjectURL(local);
    };
  }, [address]);
  if (failed) return <View className="image-tile__note">无法显示</View>;
  return src ? <Image className="image-tile__image" src={src} mode="aspectFill" /> : <View className="image-tile__note">加载中</View>;
}

/** One picture: the server's receipts with the session, everything else straight from its address. */
export function PictureThumbnail({ address, signed }: { address: string; signed: boolean }) {
  return signed && address.startsWith('/uploads/') ? <SignedThumbnail address={address} /> : <Image className="image-tile__image" src={thumbnailSrc(address)} mode="aspectFill" />;
}

interface ImagePickerProps extends FieldFrame {
  purpose: UploadPurpose;
  /** The pictures' addresses, in order. */
  value: string[];
  onChange: (next: string[]) => void;
  max: number;
}

/**
 * Photos from the camera or the album, uploaded one after another as they are chosen, each with its
 * progress; a failed one (a lost network, a file that is no picture) stays as a tile saying why, with
 * 重试 and 移除, and the rest of the form goes on as it was.
 */
export function ImagePicker({ purpose, value, onChange, max, ...frame }: ImagePickerProps) {
  const [pending, setPending] = useState<Pending[]>([]);
  const latest = useRef(value);
  latest.current = value;
  const nextKey = useRef(0);
  const signed = purpose === 'bill';

  const update = (key: number, patch: Partial<Pending>) => setPending((all) => all.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  const send = async (item: Pending) => {
    update(item.key, { percent: 0, failure: null });
    try {
      const uploaded = await uploadImage(item.picked, purpose, (percent) => update(item.key, { percent }));
      setPending((all) => all.filter((other) => other.key !== item.key));
      onChange([...latest.current, uploaded.url]);
    } catch (error) {
      update(item.key, { failure: error instanceof UploadError ? error.message : '上传失败，请重试' });
    }
  };
  const add = async () => {
    const room = max - value.length - pending.length;
    if (room <= 0) return;
    const picked = await pickImages(room);
    const items = picked.map((image) => ({ key: nextKey.current++, picked: image, percent: 0, failure: null }));
    setPending((all) => [...all, ...items]);
    // One after another, so each lands in the list after the one before it.
    for (const item of items) await send(item);
  };
  const preview = (address: string) => {
    if (!signed) void Taro.previewImage({ urls: value.map(imageSrc), current: imageSrc(address) });
  };
  const failure = pending.find((item) => item.failure)?.failure;

  return (
    <Frame {...frame} error={frame.error ?? failure ?? undefined} hint={frame.hint ?? `最多 ${max} 张，JPG、PNG 或 WebP`}>
      <View className="field__control image-picker">
        {value.map((address, i) => (
          <View key={address} className="image-tile" onClick={() => preview(address)}>
            <PictureThumbnail address={address} signed={signed} />
            <View
              className="image-tile__remove"
              onClick={(event) => {
                event.stopPropagation();
                onChange(value.filter((_, j) => j !== i));
              }}
            >
              ×
            </View>
          </View>
        ))}
        {pending.map((item) => (
          <View key={`pending-${item.key}`} className={`image-tile image-tile--pending${item.failure ? ' image-tile--failed' : ''}`}>
            {item.failure ? (
              <>
                <View className="image-tile__note">上传失败</View>
                <View className="image-tile__retry" onClick={() => void send(item)}>
                  重试
                </View>
                <View className="image-tile__remove" onClick={() => setPending((all) => all.filter((other) => other.key !== item.key))}>
                  ×
                </View>
              </>
            ) : (
              <View className="image-tile__note">上传中 {item.percent}%</View>
            )}
          </View>
        ))}
        {value.length + pending.length < max ? (
          <View className="image-tile image-tile--add" onClick={() => void add()}>
            ＋<View className="image-tile__note">添加图片</View>
          </View>
        ) : null}
      </View>
    </Frame>
  );
}
