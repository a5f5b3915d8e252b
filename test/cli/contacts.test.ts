// `profile contacts`: the emergency contacts printed on the card, listed, added and removed from
// the command line; a bad contact gets one sentence and changes nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');

function chartkeeper(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/chartkeeper.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, CHARTKEEPER_PASSPHRASE: 'correct horse battery staple' },
    encoding: 'utf8',
    input: '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('profile contacts', () => {
  test('lists, adds and removes the emergency contacts of a profile', () => {
    const vault = path.join(tempDir(), 'v');
    expect(chartkeeper(['vault', 'create', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'add', 'Eleanor Testperson', '--birth-date', '1948-03-02', '--vault', vault]).code).toBe(0);
    expect(chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--vault', vault]).stdout).toBe('Eleanor Testperson has no emergency contacts.\n');

    const added = chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--add', 'Ruth Testperson|Daughter|+1 (555) 010-0001', '--add', 'Dr. Amy Chen|555 010 0200', '--vault', vault]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('Emergency contacts of Eleanor Testperson:\n  1. Ruth Testperson (Daughter): +1 (555) 010-0001\n  2. Dr. Amy Chen: 555 010 0200\n');

    const bad = chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--add', 'Sam|Son|call me', '--vault', vault]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('chartkeeper: Write the phone number with digits, spaces, +, -, ( and ) only.\n');
    const shape = chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--add', 'just a name', '--vault', vault]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('Write a contact as "NAME|RELATION|PHONE"');
    const none = chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--remove', '3', '--vault', vault]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('chartkeeper: Eleanor Testperson has 2 emergency contacts; there is no number 3.\n');

    const removed = chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--remove', '1', '--json', '--vault', vault]);
    expect(JSON.parse(removed.stdout)).toEqual([{ name: 'Dr. Amy Chen', phone: '555 010 0200' }]);
    expect(JSON.parse(chartkeeper(['profile', 'contacts', 'Eleanor Testperson', '--json', '--vault', vault]).stdout)).toEqual([{ name: 'Dr. Amy Chen', phone: '555 010 0200' }]);
  });
});
