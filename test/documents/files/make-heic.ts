// Makes prescription-label.heic, the HEIC photo the tests use: a label of known words drawn
// with @napi-rs/canvas, saved as JPEG with EXIF (orientation 1, a GPS position), and encoded
// with libheif's heif-enc (Debian's libheif-examples, x265), which carries the EXIF over.
//   node_modules/.bin/node test/documents/files/make-heic.ts   (needs heif-enc on the PATH)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { makeExifTiff } from '../fixtures.ts';

export const LABEL_LINES = ['Riverside Pharmacy', 'Amoxicillin 500 mg', 'Take one capsule', 'three times daily', 'Dr. Amal Ortiz'];

if (import.meta.filename === process.argv[1]) {
  const canvas = createCanvas(800, 600);
  const context = canvas.getContext('2d');
  context.fillStyle = '#f4efe6';
  context.fillRect(0, 0, 800, 600);
  context.fillStyle = '#fff';
  context.fillRect(40, 40, 720, 520);
  context.fillStyle = '#111';
  context.font = 'bold 46px DejaVu Sans';
  LABEL_LINES.forEach((line, i) => context.fillText(line, 80, 130 + i * 90));
  const jpeg = canvas.encodeSync('jpeg', 92);
  const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from(makeExifTiff({ orientation: 1, gps: true }))]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'heic-'));
  const source = path.join(scratch, 'label.jpg');
  fs.writeFileSync(source, Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]));
  execFileSync('heif-enc', ['-q', '50', source, '-o', path.join(import.meta.dirname, 'prescription-label.heic')]);
  fs.rmSync(scratch, { recursive: true });
}
