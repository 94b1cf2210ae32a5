// `npm run standin`: the stand-in on 127.0.0.1:4010 (STANDIN_PORT, STANDIN_INCIDENTS) with its tokens printed.
import { startStandin } from './server.ts';

const port = Number(process.env.STANDIN_PORT ?? 4010);
const incidents = Number(process.env.STANDIN_INCIDENTS ?? 250);
const standin = await startStandin({ port, incidents }).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use; set STANDIN_PORT to another port.` : error);
  process.exit(1);
});

console.log(`Atlos stand-in listening on ${standin.url}  (API base: ${standin.url}/api/v2)`);
console.log(
  `Projects: ${Object.values(standin.projects)
    .map((p) => `${p.code} "${p.name}"`)
    .join(', ')}`,
);
console.log('Tokens (Authorization: Bearer <token>):');
for (const [name, value] of Object.entries(standin.tokens)) {
  console.log(
    `  ${name.padEnd(12)} ${value}  ${standin.tokenPermissions[name as keyof typeof standin.tokenPermissions]}`,
  );
}
const { known } = standin;
console.log(
  `Sample slugs: CIV ${known.civSlugs.slice(0, 5).join(' ')} (no source material yet), ${known.civSlugs.slice(5, 8).join(' ')} …`,
);
console.log(
  `  deleted CIV ${known.civDeletedSlug}; BRD ${known.brdSlugs.slice(0, 3).join(' ')} …; archived ARC ${known.arcSlug}; Impact attribute ${known.impactAttributeId}`,
);
console.log(`Control interface: ${standin.url}/__standin/fixtures, /__standin/state, /__standin/requests, …`);

const stop = (): void => {
  void standin.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
