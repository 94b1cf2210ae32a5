import { i18n } from '#i18n';
import { displaySlug, type IncidentOption } from '@/lib/incidents/types';

export interface ChosenIncidentProps {
  chosen: IncidentOption | null;
  pinned: boolean;
  showProject: boolean;
  onPin(pinned: boolean): void;
}

/** Under the combobox: the chosen incident's status, project, `Pin`/`Unpin` and `View` (in Atlos). */
export function ChosenIncident({ chosen, pinned, showProject, onPin }: ChosenIncidentProps) {
  return (
    <div class="chosen">
      {chosen && (
        <>
          {chosen.status && <span class="badge">{chosen.status}</span>}
          {showProject && <span class="picker-project">{chosen.projectName}</span>}
          <button type="button" class="link-button" aria-pressed={pinned} onClick={() => onPin(!pinned)}>
            {pinned ? i18n.t('popup_unpin') : i18n.t('popup_pin')}
          </button>
          <a
            href={chosen.incidentUrl}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={i18n.t('popup_viewIncident', [displaySlug(chosen)])}
          >
            {i18n.t('popup_view')}
          </a>
        </>
      )}
    </div>
  );
}
