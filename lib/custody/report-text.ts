/** The verifier's report as a plain-text table, for the command line. */
import type { VerifyReport } from './verify.ts';

const STATUS_WORD: Record<string, string> = {
  verified: 'ok',
  missing: 'MISSING',
  hash_mismatch: 'CHANGED',
  size_mismatch: 'SIZE',
  server_hash_mismatch: 'ATLOS-HASH',
  download_failed: 'NO-DOWNLOAD',
  unexpected: 'EXTRA',
  invalid: 'INVALID',
};

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}… ` : text.padEnd(width + 1);
}

export function formatReport(report: VerifyReport): string {
  const lines: string[] = [];
  const m = report.manifest;
  lines.push(
    `Source material ${report.sourceMaterialId}${m ? `: capture ${m.captureId} of ${m.targetUrl}, clicked ${m.clickedAt}` : ''}`,
  );
  lines.push(
    `  ${pad('STATUS', 11)}${pad('ROLE', 10)}${pad('KIND', 21)}${pad('SHA-256', 17)}${pad('ATLOS ID', 37)}TITLE`,
  );
  for (const file of report.files) {
    lines.push(
      `  ${pad(STATUS_WORD[file.status] ?? file.status, 11)}${pad(file.role, 10)}${pad(file.kind ?? '-', 21)}` +
        `${pad((file.actualSha256 ?? file.expectedSha256 ?? '-').slice(0, 16), 17)}${pad(file.artifactId ?? '-', 37)}${file.title}`,
    );
  }
  const key = report.publicKey;
  lines.push(`  Signature: ${report.signature}${key ? ` (${key.algorithm}, key ${key.fingerprint})` : ''}`);
  if (key)
    lines.push(
      `  Key:       ${key.trust === 'not_compared' ? 'not compared with a published fingerprint' : key.trust}`,
    );
  const stamp = report.timestamp;
  lines.push(
    `  Timestamp: ${stamp.status}${stamp.time ? `, ${stamp.time}` : ''}${stamp.serialNumber ? ` (serial ${stamp.serialNumber})` : ''}`,
  );
  for (const failure of report.failures) lines.push(`  ✗ ${failure.code}: ${failure.message}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  lines.push(
    `  Verdict:   ${report.verdict === 'verified' ? 'VERIFIED' : `FAILED (${report.failures.length} problem${report.failures.length === 1 ? '' : 's'})`}`,
  );
  return lines.join('\n');
}
