/** Says whether the page is already source material in the chosen incident or elsewhere. */
import { i18n } from '#i18n';
import type { DuplicateReport } from '../lib/incidents/duplicates';
import { displaySlug, type IncidentOption } from '../lib/incidents/types';

export function DuplicateNotice({
  report,
  chosen,
  checking,
}: {
  report: DuplicateReport | null;
  chosen: IncidentOption | null;
  checking: boolean;
}) {
  // The line is always there (possibly empty) so the layout does not jump when the answer comes.
  let content = null;
  if (checking) content = <span class="hint">{i18n.t('popup_duplicatesChecking')}</span>;
  else if (report && chosen && (report.inChosen || report.elsewhere.length > 0)) {
    content = (
      <>
        {report.inChosen && (
          <span>
            {i18n.t('popup_duplicateInChosen')}{' '}
            <a href={chosen.incidentUrl} target="_blank" rel="noopener noreferrer">
              {displaySlug(chosen)}
            </a>
          </span>
        )}
        {report.elsewhere.length > 0 && (
          <span>
            {' '}
            {i18n.t('popup_duplicateElsewhere')}{' '}
            {report.elsewhere.slice(0, 3).map((other, index) => (
              <span key={other.slug}>
                {index > 0 && ', '}
                <a href={other.incidentUrl} target="_blank" rel="noopener noreferrer" title={other.description}>
                  {displaySlug(other)}
                </a>
              </span>
            ))}
            {report.elsewhere.length > 3 && ` +${report.elsewhere.length - 3}`}
          </span>
        )}
      </>
    );
  }
  return <p class={content && !checking ? 'duplicates is-warning' : 'duplicates'}>{content}</p>;
}
