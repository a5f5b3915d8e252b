// Finding an Apple Health export by content, and leaving every other file to the other importers.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openAppleExport } from '../../main/importers/apple-health/archive.ts';
import { exportXml, exportZip, heartRate } from './fixtures.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('finding an Apple Health export', () => {
  it('finds the XML at the root of a zip and counts the files it never reads', async () => {
    const zip = zipSync({ 'export.xml': text(exportXml(heartRate('2026-02-01', '08:00:00', 60))), 'workout-routes/route_1.gpx': text('<gpx/>'), 'electrocardiograms/ecg_1.csv': text('x') });
    const exp = (await openAppleExport({ bytes: zip }, 'export.zip'))!;
    expect(exp.xml.name).toBe('export.xml');
    expect(exp.unread).toEqual({ 'workout-routes': 1, electrocardiograms: 1 });
    exp.close();
  });

  it('ignores macOS junk beside the export', async () => {
    const exp = (await openAppleExport({ bytes: exportZip({ 'apple_health_export/export.xml': exportXml('') }) }, 'export.zip'))!;
    expect(exp.xml.name).toBe('apple_health_export/export.xml');
    expect(exp.unread).toEqual({});
    exp.close();
  });

  it('leaves other zips and files to the other importers', async () => {
    expect(await openAppleExport({ bytes: zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': text('<ClinicalDocument/>'), 'doc.xml': text('<ClinicalDocument/>') }) }, 'a.zip')).toBeNull();
    // A name yauzl refuses: the zip importer, which skips such names, reads the rest.
    expect(await openAppleExport({ bytes: zipSync({ '../evil.xml': text('<HealthData/>'), 'doc.xml': text('<ClinicalDocument/>') }) }, 'a.zip')).toBeNull();
    expect(await openAppleExport({ bytes: text('<ClinicalDocument/>') }, 'a.xml')).toBeNull();
    expect(await openAppleExport({ bytes: text('Date,Glucose\n') }, 'a.csv')).toBeNull();
    expect(await openAppleExport({ bytes: text(exportXml('')) }, 'export.xml')).not.toBeNull();
  });
});
