import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { bills } from '../api/bills';
import type { Bill, BillShare as Share } from '../api/types';
import { useAction } from '../hooks/useAction';
import { useTask } from '../hooks/useTask';
import { absoluteUrl } from '../api/base-url';
import { openServerFile, type FileKind } from '../lib/files';
import { SwitchField } from './Fields';
import { Button } from './nut';
import { PrintSheet } from './PrintSheet';
import { Sheet } from './Sheet';

/**
 * 发送给客户 and 打印 for a posted bill: a public link (image, PDF, a page with a QR code) that can be revoked, and
 * printable PDFs made for the signed-in member, showing only what they may see.
 */
export function BillShareCard({ bill, canSeePrices }: { bill: Bill; canSeePrices: boolean }) {
  const [sharing, setSharing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [showPrices, setShowPrices] = useState(canSeePrices);
  const [share, setShare] = useState<Share | null>(null);
  const action = useAction();

  const download = useTask();
  const fetchFile = (path: string, kind: FileKind, signedIn: boolean) => download.run(() => openServerFile(path, kind, bill.billNo, signedIn));
  const makeLink = () =>
    action.run(async (keyFor) => {
      setShare(await bills.share(bill.id, showPrices, keyFor(['share', bill.id, showPrices])));
    });
  const revoke = () =>
    void Taro.showModal({ title: '撤销链接', content: '撤销后，客户手里的链接和二维码都打不开了。' }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        await bills.unshare(bill.id);
        setShare(null);
        void Taro.showToast({ title: '已撤销', icon: 'success' });
      });
    });
  const link = share ? absoluteUrl(share.url) : '';

  return (
    <>
      <View className="card bill-share">
        <View className="card__title">发送与打印</View>
        <View className="row">
          <Button fill="outline" type="primary" size="small" className="open-share" onClick={() => setSharing(true)}>
            发给客户
          </Button>
          <Button fill="outline" type="default" size="small" className="open-print" onClick={() => setPrinting(true)}>
            打印
          </Button>
        </View>
      </View>
      <Sheet title="发给客户" open={sharing} onClose={() => setSharing(false)}>
        {share ? (
          <>
            <View className="share-link muted">{link}</View>
            <View className="share-note">{share.showPrices ? '链接显示价格和欠款。' : '链接不显示价格。'}任何拿到链接的人都能查看本单，可随时撤销。</View>
            <View className="share-actions">
              <Button type="primary" className="share-image" loading={download.busy} onClick={() => void fetchFile(`${share.url}.png`, 'png', false)}>
                {process.env.TARO_ENV === 'h5' ? '下载图片' : '发送图片'}
              </Button>
              <Button fill="outline" type="primary" className="share-pdf" disabled={download.busy} onClick={() => void fetchFile(`${share.url}.pdf?layout=a4`, 'pdf', false)}>
                PDF
              </Button>
              <Button fill="outline" type="primary" className="copy-link" onClick={() => void Taro.setClipboardData({ data: link })}>
                复制链接
              </Button>
            </View>
            <View className="gap" />
            <Button block fill="none" type="danger" className="revoke-share" disabled={action.busy} onClick={revoke}>
              撤销链接
            </Button>
          </>
        ) : (
          <>
            {canSeePrices ? <SwitchField name="showPrices" label="显示价格和欠款" value={showPrices} onChange={setShowPrices} /> : null}
            <View className="share-note">生成一个只读链接，附带图片和 PDF，发到微信里客户点开就能看。再次生成会让旧链接失效。</View>
            <View className="gap" />
            <Button block type="primary" className="make-share" loading={action.busy} onClick={() => void makeLink()}>
              生成分享链接
            </Button>
          </>
        )}
        {action.error ? <View className="field__error share-error" style={{ marginLeft: 0 }}>{action.error.message}</View> : null}
      </Sheet>
      <PrintSheet title="打印" open={printing} onClose={() => setPrinting(false)} name={bill.billNo} pdfPath={(layout) => `/api/bills/${bill.id}/print.pdf?layout=${layout}`} />
    </>
  );
}
