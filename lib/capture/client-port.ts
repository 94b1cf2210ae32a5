/** The part of the Atlos client the capture engine uses (lib/atlos/client.ts fits it as is). */
import type { AtlosClient } from '../atlos/client';

export type CaptureClient = Pick<
  AtlosClient,
  | 'baseUrl'
  | 'listIncidents'
  | 'listSourceMaterial'
  | 'getSourceMaterial'
  | 'createSourceMaterial'
  | 'setMetadata'
  | 'uploadFile'
  | 'listUpdates'
  | 'addComment'
>;

export type { SourceMaterial, Update, Incident } from '../atlos/schemas';
