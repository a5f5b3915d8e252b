// The renderer session has no network: only the app's own origin (and inline data: images,
// which the CSP allows) may load. MedlinePlus and updates go through main, outside this session.
import { isAppUrl } from './origin.ts';

export function isAllowedRendererRequest(url: string, devToolsAllowed: boolean): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  return devToolsAllowed && url.startsWith('devtools:');
}
