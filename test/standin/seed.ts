// Deterministic sample data: projects CIV, BRD, EMP, ARC, their tokens, incidents, source material and updates.
import type { Artifact, CustomAttribute, Incident, Permission, Project, Update, User, Version } from './model.ts';
import { createRng, makeSlug, makeTokenValue, type Rng } from './rng.ts';
import { type FileDir, makePng, type WrittenFile } from './files.ts';
import { runAutoMetadata, Store } from './store.ts';
import * as text from './seed-text.ts';

export type TokenName =
  'civEdit' | 'civComment' | 'civRead' | 'brdEdit' | 'empEdit' | 'arcEdit' | 'legacy' | 'deactivated';
export type ProjectKey = 'civ' | 'brd' | 'emp' | 'arc';

export interface Fixtures {
  tokens: Record<TokenName, string>;
  tokenPermissions: Record<TokenName, string>;
  projects: Record<ProjectKey, { id: string; code: string; name: string }>;
  known: { civSlugs: string[]; civDeletedSlug: string; brdSlugs: string[]; arcSlug: string; impactAttributeId: string };
}

const DAY = 86_400_000;

function attribute(
  rng: Rng,
  name: string,
  type: CustomAttribute['type'],
  options: string[],
  description: string,
  enabled = true,
): CustomAttribute {
  return { id: rng.uuid(), name, description, type, options, enabled };
}

export function seed(incidentCount: number, baseTime: number, files: FileDir): { store: Store; fixtures: Fixtures } {
  const rng = createRng(20260213);
  const store = new Store();
  const civAttributes = [
    attribute(rng, 'Incident Type', 'multi_select', text.INCIDENT_TYPE, 'What kind of event is shown?'),
    attribute(rng, 'Impact', 'multi_select', text.IMPACT, 'What is damaged or affected?'),
    attribute(rng, 'Equipment Used', 'multi_select', text.EQUIPMENT, 'Weapons or equipment visible.'),
    attribute(rng, 'Reported Near', 'text', [], 'The nearest named place reported by the source.'),
    attribute(rng, 'Verification', 'select', ['Unverified', 'Partially Verified', 'Verified'], 'Verification state.'),
    attribute(rng, 'Legacy Notes', 'text', [], 'Retired field, kept for old incidents.', false),
  ];
  const makeProject = (
    name: string,
    code: string,
    color: string,
    active: boolean,
    attributes: CustomAttribute[],
  ): Project => {
    const project: Project = {
      id: rng.uuid(),
      name,
      code,
      description: `${name} sample project`,
      color,
      active,
      attributes,
    };
    store.addProject(project);
    return project;
  };
  const civ = makeProject('Civilian Harm Monitor', 'CIV', '#fb923c', true, civAttributes);
  const brd = makeProject('Border Monitoring', 'BRD', '#60a5fa', true, [
    attribute(
      rng,
      'Crossing Point',
      'select',
      ['North Gate', 'River Ford', 'Highway 7'],
      'Where the crossing happened.',
    ),
  ]);
  const emp = makeProject('Empty Project', 'EMP', '#a3e635', true, []);
  const arc = makeProject('Archived Investigations', 'ARC', '#94a3b8', false, []);

  const tokens = {} as Record<TokenName, string>;
  const tokenPermissions = {} as Record<TokenName, string>;
  const addToken = (
    key: TokenName,
    project: Project | null,
    permissions: Permission[],
    legacy = false,
    active = true,
  ): void => {
    const value = makeTokenValue(rng);
    tokens[key] = value;
    tokenPermissions[key] =
      `${project ? project.code : 'no project'}: ${permissions.join(', ')}${legacy ? ' (legacy, v1 only)' : ''}${active ? '' : ' (deactivated: this old value is rejected)'}`;
    // Deactivation rotates the stored value (§1.3), so the old value handed out no longer matches anything.
    store.addToken({
      id: rng.uuid(),
      name: key,
      value: active ? value : makeTokenValue(rng),
      projectId: project?.id ?? null,
      isLegacy: legacy,
      isActive: active,
      permissions,
    });
  };
  addToken('civEdit', civ, ['read', 'comment', 'edit']);
  addToken('civComment', civ, ['read', 'comment']);
  addToken('civRead', civ, ['read']);
  addToken('brdEdit', brd, ['read', 'comment', 'edit']);
  addToken('empEdit', emp, ['read', 'comment', 'edit']);
  addToken('arcEdit', arc, ['read', 'comment', 'edit']);
  addToken('legacy', null, ['read'], true);
  addToken('deactivated', civ, ['read', 'comment', 'edit'], false, false);
  const seederTokenId = store.tokens[0]?.id ?? null;

  const users: User[] = ['amira', 'oleksandr', 'lucia', 'sam'].map((username) => ({
    id: rng.uuid(),
    username,
    bio: '',
    flair: '',
  }));
  store.users = users;
  const samplePngs: WrittenFile[] = [0, 1, 2, 3].map((variant) => files.write(makePng(48, 32, variant + 1), '.png'));

  const usedSlugs = new Set<string>();
  const newSlug = (): string => {
    let slug = makeSlug(rng);
    while (usedSlugs.has(slug)) slug = makeSlug(rng);
    usedSlugs.add(slug);
    return slug;
  };

  const seedProject = (project: Project, count: number, spanDays: number, bare: number): Incident[] => {
    const created: Incident[] = [];
    for (let i = 0; i < count; i++) {
      const inserted = Math.floor(baseTime - DAY / 24 - ((i + rng.next()) * spanDays * DAY) / Math.max(count, 1));
      const { description, place } = text.describeIncident(rng);
      const incident: Incident = {
        id: rng.uuid(),
        slug: newSlug(),
        projectId: project.id,
        attr_description: description,
        attr_more_info: text.moreInfo(rng),
        attr_date: rng.chance(0.7) ? new Date(inserted - rng.int(5) * DAY).toISOString().slice(0, 10) : null,
        attr_geolocation: rng.chance(0.5) ? { lat: 30 + rng.next() * 20, lon: 20 + rng.next() * 20 } : null,
        attr_geolocation_resolution: null,
        attr_restrictions: rng.chance(0.05) ? [rng.pick(['Hidden', 'Frozen'])] : rng.chance(0.5) ? [] : null,
        attr_sensitive: rng.chance(0.7) ? ['Not Sensitive'] : text.subset(rng, text.SENSITIVE.slice(1), 2),
        attr_status: rng.pick(text.STATUSES),
        attr_tags: rng.chance(0.4) ? text.subset(rng, text.TAGS, 2) : null,
        attr_time: null,
        attr_assignments: [],
        custom: {},
        subscribers: [],
        deleted: false,
        inserted_at: inserted,
        updated_at: Math.min(baseTime - 1000, inserted + rng.int(20) * DAY),
        versions: [],
        auto_metadata: null,
        searchText: '',
        searchTokens: '',
      };
      if (incident.attr_geolocation) incident.attr_geolocation_resolution = rng.pick(['Exact', 'Vicinity', 'Locality']);
      for (const attr of project.attributes) {
        if (!rng.chance(0.5)) continue;
        if (attr.type === 'multi_select') incident.custom[attr.id] = text.subset(rng, attr.options, 2);
        else if (attr.type === 'select') incident.custom[attr.id] = rng.pick(attr.options);
        else if (attr.type === 'text')
          incident.custom[attr.id] = attr.name === 'Reported Near' ? place : 'See earlier notes.';
      }
      store.addIncident(incident);
      const author = rng.chance(0.5) ? rng.pick(users) : null;
      addSeedUpdate(store, rng, incident, 'create', author, author ? null : seederTokenId, null, inserted);
      if (i >= bare) seedVersions(store, rng, incident, samplePngs);
      if (rng.chance(0.15))
        addSeedUpdate(
          store,
          rng,
          incident,
          'comment',
          rng.pick(users),
          null,
          'Checked the footage again.',
          incident.updated_at,
        );
      runAutoMetadata(store, incident);
      created.push(incident);
    }
    return created;
  };

  const civIncidents = seedProject(civ, incidentCount, 180, 5);
  const civDeleted = civIncidents.filter((_, i) => i === 7 || i === 13);
  for (const incident of civDeleted) incident.deleted = true;
  const brdIncidents = seedProject(brd, 30, 90, 2);
  // The oldest BRD incident keeps a legacy stored slug `ATL-XXXXXX` (§2.1), found only by that literal form.
  const legacy = brdIncidents[brdIncidents.length - 1];
  if (legacy) {
    store.incidentsBySlug.delete(legacy.slug);
    legacy.slug = `ATL-${legacy.slug}`;
    store.incidentsBySlug.set(legacy.slug, legacy);
    runAutoMetadata(store, legacy);
  }
  const arcIncidents = seedProject(arc, 4, 400, 0);
  const impact = civAttributes[1] as CustomAttribute;

  const fixtures: Fixtures = {
    tokens,
    tokenPermissions,
    projects: {
      civ: { id: civ.id, code: civ.code, name: civ.name },
      brd: { id: brd.id, code: brd.code, name: brd.name },
      emp: { id: emp.id, code: emp.code, name: emp.name },
      arc: { id: arc.id, code: arc.code, name: arc.name },
    },
    known: {
      civSlugs: civIncidents.filter((i) => !i.deleted).map((i) => i.slug),
      civDeletedSlug: civDeleted[0]?.slug ?? '',
      brdSlugs: brdIncidents.map((i) => i.slug),
      arcSlug: arcIncidents[0]?.slug ?? '',
      impactAttributeId: impact.id,
    },
  };
  return { store, fixtures };
}

function seedVersions(store: Store, rng: Rng, incident: Incident, pngs: WrittenFile[]): void {
  const count = rng.int(4);
  for (let n = 1; n <= count; n++) {
    const at = incident.inserted_at + n * 60_000;
    const direct = rng.chance(0.6);
    const version: Version = {
      id: rng.uuid(),
      incident_id: incident.id,
      scoped_id: n,
      source_url: text.sourceUrl(rng, n),
      status: rng.chance(0.9) ? 'complete' : rng.pick(['pending', 'error'] as const),
      upload_type: direct ? 'direct' : 'user_provided',
      visibility: rng.chance(0.9) ? 'visible' : rng.pick(['hidden', 'removed'] as const),
      metadata: direct
        ? {
            auto_archive_successful: true,
            crawl_successful: true,
            page_info: { title: 'Archived page', text: '' },
            content_info: null,
            is_likely_authwalled: false,
          }
        : {},
      artifacts: [],
      inserted_at: at,
      updated_at: at + 30_000,
    };
    if (version.status === 'complete' && rng.chance(0.5)) {
      const png = rng.pick(pngs);
      const artifact: Artifact = {
        id: rng.uuid(),
        file_hash_sha256: png.sha256,
        file_size: png.size,
        mime_type: 'image/png',
        perceptual_hashes: { computed: [{ kind: 'phash', hash: png.sha256.slice(0, 16) }] },
        type: direct ? 'viewport' : 'upload',
        title: direct ? null : 'Screenshot',
        file_location: png.storedName,
        uploading_token_id: null,
      };
      version.artifacts.push(artifact);
      store.files.set(artifact.id, { path: png.path, mime: 'image/png' });
    }
    store.addVersion(incident, version);
    addSeedUpdate(store, rng, incident, 'upload_version', null, store.tokens[0]?.id ?? null, null, at, version.id);
  }
}

function addSeedUpdate(
  store: Store,
  rng: Rng,
  incident: Incident,
  type: Update['type'],
  user: User | null,
  tokenId: string | null,
  explanation: string | null,
  at: number,
  versionId: string | null = null,
): void {
  store.addUpdate({
    id: rng.uuid(),
    type,
    media_id: incident.id,
    projectId: incident.projectId,
    user,
    api_token_id: user ? null : tokenId,
    media_version_id: versionId,
    modified_attribute: null,
    explanation,
    attachments: [],
    old_value: null,
    new_value: null,
    hidden: false,
    inserted_at: at,
  });
}
