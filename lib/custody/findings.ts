/** What the verifier can find wrong, each a precise code with an English sentence for the CLI. */

export type FindingCode =
  | 'download_failed'
  | 'manifest_missing'
  | 'manifest_unreadable'
  | 'multiple_manifests'
  | 'manifest_not_canonical'
  | 'signature_invalid'
  | 'fingerprint_mismatch'
  | 'untrusted_key'
  | 'summary_mismatch'
  | 'wrong_source_material'
  | 'file_missing'
  | 'file_hash_mismatch'
  | 'file_size_mismatch'
  | 'server_hash_mismatch'
  | 'unexpected_file'
  | 'timestamp_missing'
  | 'timestamp_unreadable'
  | 'timestamp_not_granted'
  | 'timestamp_imprint_mismatch'
  | 'timestamp_signature_invalid'
  | 'timestamp_signing_cert_missing'
  | 'timestamp_signing_cert_mismatch'
  | 'timestamp_untrusted'
  | 'timestamp_before_capture';

export interface Finding {
  code: FindingCode;
  message: string;
  /** The Atlos artifact concerned, if one. */
  artifactId?: string;
}

export const finding = (code: FindingCode, message: string, artifactId?: string): Finding =>
  artifactId ? { code, message, artifactId } : { code, message };
