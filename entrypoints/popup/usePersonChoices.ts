/**
 * What the person chose in the popup (the incident, the capture boxes), starting from what the
 * first frame showed. Storage answering later (usePopupData.ts) fills in only what the person has
 * not touched: a choice made in the first frame is never replaced.
 */
import { useMemo, useState } from 'preact/hooks';
import type { CaptureChoices } from '@/components/CaptureOptions';
import { incidentKey, type IncidentOption } from '@/lib/incidents/types';
import type { PopupStart, TypedBeforeHydration } from './shell';

const DEFAULT_CHOICES: CaptureChoices = { archive: true, viewportScreenshot: true, fullPageScreenshot: true };

const sameIncident = (a: IncidentOption | null, b: IncidentOption | null) =>
  a === b || (!!a && !!b && incidentKey(a) === incidentKey(b));

export function useIncidentChoice(start: PopupStart) {
  const [selected, setSelected] = useState<IncidentOption | null>(start.selected);
  /** The incident the person picked (not the preselected last-used one): its activity is read at once. */
  const [pickedKey, setPickedKey] = useState<string | null>(null);
  return {
    selected,
    pickedKey,
    pick(option: IncidentOption) {
      setPickedKey(incidentKey(option));
      setSelected(option);
    },
    /** The last-used incident as storage knows it (possibly a fuller copy of the one shown). */
    preselect(option: IncidentOption | null) {
      setSelected((current) =>
        current === start.selected || sameIncident(current, option) ? (option ?? current) : current,
      );
    },
  };
}

export function useCaptureChoices(start: PopupStart, typed: TypedBeforeHydration | undefined) {
  const [startChoices, ticked] = useMemo(() => {
    const painted = start.boot?.choices ?? DEFAULT_CHOICES;
    const shown = typed?.choices ?? painted;
    return [
      shown,
      (Object.keys(painted) as (keyof CaptureChoices)[]).some((key) => painted[key] !== shown[key]),
    ] as const;
  }, []);
  const [choices, setChoices] = useState<CaptureChoices>(startChoices);
  return {
    choices,
    setChoices,
    /** The remembered choices as storage knows them. */
    stored(next: CaptureChoices) {
      setChoices((current) => (current === startChoices && !ticked ? next : current));
    },
  };
}
