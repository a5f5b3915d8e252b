// Bytes to pictures in the renderer: data: URLs (the CSP allows images from the app and data:
// only) and small thumbnails of a file's first page, made once and kept by main.
import type { KeptFileInfo } from '../../preload/contract.ts';

export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mediaType};base64,${btoa(binary)}`;
}

const THUMB_WIDTH = 240;

async function canvasBytes(canvas: HTMLCanvasElement): Promise<Uint8Array<ArrayBuffer>> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob) throw new Error('no thumbnail');
  return new Uint8Array(await blob.arrayBuffer());
}

/** A JPEG about 240 pixels wide of the first page (a photo turned as its EXIF says). */
export async function makeThumbnail(file: Pick<KeptFileInfo, 'mediaType'>, bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = document.createElement('canvas');
  if (file.mediaType === 'application/pdf') {
    const { openPdf, renderPage } = await import('./pdfjs.ts');
    const doc = await openPdf(bytes);
    try {
      await renderPage(doc, 1, canvas, THUMB_WIDTH, 1, 1);
    } finally {
      await doc.destroy();
    }
    return canvasBytes(canvas);
  }
  // createImageBitmap applies the EXIF orientation (imageOrientation 'from-image').
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type: file.mediaType }), { imageOrientation: 'from-image' });
  const scale = Math.min(1, THUMB_WIDTH / bitmap.width, (THUMB_WIDTH * 1.5) / bitmap.height);
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvasBytes(canvas);
}
