// The About text. MedlinePlus asks apps that show Connect data to say where it came from without
// implying endorsement; resources/notices/ABOUT.md carries the same sentences (a test keeps
// them equal).

export const MEDLINEPLUS_ATTRIBUTION = 'Information from MedlinePlus.gov, a service of the National Library of Medicine.';
export const NO_ENDORSEMENT =
  'Chartkeeper is not affiliated with or endorsed by MedlinePlus, the National Library of Medicine or the National Institutes of Health.';

export function aboutMessage(version: string): { title: string; message: string; detail: string } {
  return {
    title: 'About Chartkeeper',
    message: `Chartkeeper ${version}`,
    detail: [
      'A private, encrypted personal health record that brings your Blue Button downloads together.',
      MEDLINEPLUS_ATTRIBUTION,
      NO_ENDORSEMENT,
    ].join('\n\n'),
  };
}
