// Vocabulary for the seeded sample incidents (varied, partly non-English, so search and RTL layouts get exercised).
import type { Rng } from './rng.ts';

const EVENTS = [
  'Artillery strike damaged',
  'Airstrike reported near',
  'Drone attack hit',
  'Shelling destroyed part of',
  'Fire broke out at',
  'Explosion reported at',
  'Missile debris fell on',
  'Protest dispersed outside',
  'Armoured vehicles filmed passing',
  'Power outage after strike on',
];
const TARGETS = [
  'a residential building',
  'the central market',
  'a school',
  'a hospital wing',
  'a grain warehouse',
  'a bridge',
  'the railway station',
  'a water pumping station',
  'an apartment block',
  'a church',
];
const PLACES = [
  'Kharkiv',
  'Kherson',
  'Mykolaiv',
  'Zaporizhzhia',
  'Odesa',
  'Sumy',
  'Aleppo',
  'Idlib',
  'Khartoum',
  'El Fasher',
  'Gaza City',
  'Rafah',
  'Mariupol',
  'Bakhmut',
  'Tripoli',
  'Sanaa',
];
const DETAILS = [
  'Footage shows heavy smoke.',
  'Several civilians reported injured.',
  'Video geolocated by volunteers.',
  'Posted on Telegram shortly after.',
  'Local officials confirmed the strike.',
  'Night-time footage, hard to verify.',
  'Multiple angles available.',
  'Satellite imagery pending.',
];
const FOREIGN: [string, string][] = [
  ['Обстріл житлового будинку в Харкові, пошкоджено дах і вікна.', 'Kharkiv'],
  ['Удар дрона по зерносховищу поблизу Одеси, загорання.', 'Odesa'],
  ['قصف مدفعي على سوق شعبي في حلب وإصابة عدد من المدنيين.', 'Aleppo'],
  ['غارة جوية قرب مستشفى في إدلب، تضرر المبنى الخارجي.', 'Idlib'],
  ['Ataque con drones contra una escuela en las afueras de Jartum; no hubo víctimas.', 'Khartoum'],
  ['Incendio en un almacén de grano tras un bombardeo nocturno en Trípoli.', 'Tripoli'],
];
const MORE_INFO = [
  'Original uploader deleted the post after two hours.',
  'Cross-checked with a second video from the opposite street.',
  'Shadows suggest the footage was filmed in the morning.',
  'Needs a second reviewer before publication.',
];

export const STATUSES = ['To Do', 'In Progress', 'Help Needed', 'Ready for Review', 'Completed', 'Cancelled'];
export const SENSITIVE = [
  'Not Sensitive',
  'Personal Information Visible',
  'Graphic Violence',
  'Deleted by Source',
  'Deceptive or Misleading',
];
export const TAGS = ['priority', 'verified', 'needs-geolocation', 'social-media', 'satellite', 'follow-up'];
export const IMPACT = [
  'Residential',
  'Commercial',
  'Industrial',
  'Healthcare',
  'Education',
  'Infrastructure',
  'Religious',
  'Agricultural',
];
export const INCIDENT_TYPE = ['Explosion', 'Fire', 'Military Activity', 'Protest', 'Displacement', 'Detention'];
export const EQUIPMENT = ['Artillery', 'Drone', 'Missile', 'Small Arm', 'Armored Vehicle', 'Aircraft'];
const URL_HOSTS = [
  'https://t.me/s/monitor_channel/',
  'https://twitter.com/witness/status/',
  'https://www.youtube.com/watch?v=',
  'https://www.facebook.com/watch/?v=',
  'https://www.instagram.com/p/',
  'https://news.example.org/article/',
];

export function describeIncident(rng: Rng): { description: string; place: string } {
  if (rng.chance(0.12)) {
    const [description, place] = rng.pick(FOREIGN);
    return { description, place };
  }
  const place = rng.pick(PLACES);
  const detail = rng.chance(0.6) ? ` ${rng.pick(DETAILS)}` : '';
  return { description: `${rng.pick(EVENTS)} ${rng.pick(TARGETS)} in ${place}.${detail}`, place };
}

export function moreInfo(rng: Rng): string | null {
  return rng.chance(0.3) ? rng.pick(MORE_INFO) : null;
}

export function sourceUrl(rng: Rng, n: number): string {
  return `${rng.pick(URL_HOSTS)}${100000 + rng.int(900000)}${n}`;
}

export function subset(rng: Rng, options: readonly string[], max: number): string[] {
  const count = 1 + rng.int(max);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(rng.pick(options));
  return options.filter((o) => chosen.has(o));
}
