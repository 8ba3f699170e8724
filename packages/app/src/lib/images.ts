import { absoluteUrl } from '../api/base-url';

/** The server's own uploads: /uploads/<shop id>/<token>.jpg, each with a thumbnail beside it. */
const OWN_UPLOAD = /^\/uploads\/\d+\/[\w-]{32}\.jpg$/;

/** What an <Image> loads to show a picture small: an upload's thumbnail, or an outside link as it is. */
export const thumbnailSrc = (address: string): string => absoluteUrl(OWN_UPLOAD.test(address) ? address.replace(/\.jpg$/, '-thumb.jpg') : address);

/** What an <Image> loads to show a picture whole. */
export const imageSrc = (address: string): string => absoluteUrl(address);
