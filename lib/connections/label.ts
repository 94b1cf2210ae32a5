/** How a connection is named everywhere: "Project (CODE) · host", or the host alone. */
import type { ConnectionSummary } from './protocol';

export function instanceHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export function connectionLabel(connection: Pick<ConnectionSummary, 'baseUrl' | 'project'>): string {
  const host = instanceHost(connection.baseUrl);
  const { project } = connection;
  if (!project) return host;
  const name = project.code ? `${project.name} (${project.code})` : project.name;
  return `${name} · ${host}`;
}
