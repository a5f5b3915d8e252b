// Runs Electronegativity's programmatic API over one folder and prints its findings as JSON on
// stdout. A child process of its own because the tool fetches translations and Electron
// release lists over the network and, offline, its HTTP client throws from a retry timer after
// the scan is done, which would crash the test runner.
//   node run-electronegativity.cjs <folder> <electron version>
const path = require('node:path');

process.on('uncaughtException', (error) => {
  if (/onCancel` handler was attached after the promise settled/.test(String(error && error.message))) return;
  throw error;
});

// The runner module's export is the run function itself (module.exports = exports.default).
const run = require('@doyensec/electronegativity');

async function main() {
  const [input, electronVersion] = process.argv.slice(2);
  // Its progress chatter goes to stdout; keep stdout for the JSON.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  const result = await run({
    input: path.resolve(input),
    isRelative: true,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    customScan: [],
    // This one only compares the version with a release list fetched from the network.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    electronVersionOverride: electronVersion,
  });
  console.log = log;
  const issues = result.issues.map((issue) => ({
    id: issue.id,
    file: issue.file,
    line: issue.location.line,
    severity: issue.severity.name,
    severityValue: issue.severity.value,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
  }));
  process.stdout.write(JSON.stringify({ checks: result.globalChecks + result.atomicChecks, errors: result.errors, issues }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(2);
});
